/**
 * Executing a head switch (a reorg, or simply the next block) in memory: the blocks of the old
 * branch are disconnected with their undo records and the new branch's blocks run through the
 * pure state transition, each checked against its header's state root. The result is a
 * HeadCommit that the ChainStore writes in one atomic write; nothing here writes. A block that
 * fails is reported, not thrown, so the chain can remember it as invalid.
 */
import { equalBytes, toHex } from "../bytes.js";
import { txSlicesOfBlock } from "../codec/decode.js";
import { txHash } from "../codec/hashing.js";
import { Block } from "../codec/schema.js";
import { TelchainError } from "../errors.js";
import { Overlay } from "../state/overlay.js";
import type { PreparedState, StateDb } from "../state/state-db.js";
import { addressIndexEntries, storedBlockIndex } from "./address-index.js";
import type { TransitionContext } from "./block-execution.js";
import type { ChainStore, HeadCommit } from "./chain-store.js";
import type { CheckedTx } from "./execute.js";
import type { ChainLink, ForkPath } from "./fork-choice.js";
import { stateTransition } from "./state-transition.js";
import { applyUndo } from "./undo.js";
import { validateBlockStateless } from "./validate-block.js";

/** The new block, as import has it: decoded, encoded and with its transactions checked. */
export interface NewTip extends ChainLink {
  block: Block;
  bytes: Uint8Array;
  checked: CheckedTx[];
}

export type PreparedSwitch =
  | {
      ok: true;
      commit: HeadCommit;
      /** Blocks added to the main chain, oldest first. */
      connected: Block[];
      /** Blocks removed from the main chain, newest first. */
      disconnected: Block[];
    }
  | { ok: false; invalid: ChainLink; error: unknown };

export function prepareHeadSwitch(
  store: ChainStore,
  state: StateDb,
  ctx: TransitionContext,
  path: ForkPath,
  tip: NewTip,
): PreparedSwitch {
  const overlay = new Overlay(state);
  const disconnect: HeadCommit["disconnect"] = [];
  const disconnected: Block[] = [];
  for (const d of path.disconnect) {
    const undo = store.undo(d.hash);
    if (!undo) throw new TelchainError("STORE_CORRUPT", `no undo record for block ${toHex(d.hash)}`);
    applyUndo(overlay, undo);
    const block = store.block(d.hash) as Block;
    disconnected.push(block);
    const txHashes = block.txs.map((tx) => txHash(tx));
    disconnect.push({
      hash: d.hash,
      height: d.rec.header.height,
      txHashes,
      addressIndex: storedBlockIndex(block, txHashes, ctx.modules),
    });
  }

  const connect: HeadCommit["connect"] = [];
  const connected: Block[] = [];
  let prepared: PreparedState | undefined;
  for (const c of path.connect) {
    const isNew = c.hash === tip.hash;
    const bytes = isNew ? tip.bytes : (store.blockBytes(c.hash) as Uint8Array);
    const block = isNew ? tip.block : Block.deserialize(bytes);
    try {
      const checked = isNew
        ? tip.checked
        : validateBlockStateless(
            block,
            c.hash,
            c.rec.size,
            txSlicesOfBlock(bytes, block.txs.length),
            ctx.params,
            ctx.modules,
          );
      const { changes, undo } = stateTransition(overlay, block, checked, ctx);
      for (const [k, v] of changes) overlay.changes.set(k, v);
      prepared = state.prepare(overlay.changes);
      if (!equalBytes(prepared.root, block.header.stateRoot)) {
        throw new TelchainError(
          "BLOCK_BAD_STATE_ROOT",
          `state root ${toHex(block.header.stateRoot)} does not match the state after execution (${toHex(prepared.root)})`,
        );
      }
      connect.push({
        hash: c.hash,
        rec: c.rec,
        txHashes: checked.map((ck) => ck.hash),
        addressIndex: addressIndexEntries(block.header.height, checked),
        undo,
      });
      connected.push(block);
    } catch (error) {
      return { ok: false, invalid: c, error };
    }
  }
  return {
    ok: true,
    commit: {
      tip: { hash: tip.hash, bytes: tip.bytes },
      disconnect,
      connect,
      state: prepared as PreparedState,
    },
    connected,
    disconnected,
  };
}
