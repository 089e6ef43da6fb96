/**
 * Block templates for the miner: a block on a given parent with as many candidate transactions
 * (in order) as apply cleanly and fit the size limits. It runs through the same BlockExecution
 * as an imported block (transactions, end-of-block steps, reward), but skips a transaction that
 * fails instead of refusing the block, and computes the resulting state root for the header.
 */
import type { Block, Header, Tx } from "../codec/schema.js";
import { TelchainError } from "../errors.js";
import type { StateDb } from "../state/state-db.js";
import { BlockExecution, type TransitionContext } from "./block-execution.js";
import { checkTxStateless } from "./execute.js";
import { merkleRoot } from "./merkle.js";
import { BLOCK_VERSION } from "./validate-block.js";

export interface TemplateCandidate {
  tx: Tx;
  /** The transaction's canonical encoding. */
  bytes: Uint8Array;
  hash: Uint8Array;
  size: number;
  /** The key the signature was verified against on entry to the mempool (see CheckedTx.signer). */
  signer?: Uint8Array;
}

export interface Template {
  block: Block;
  fees: bigint;
  /** Candidate transactions that failed to apply, with the reason. */
  rejected: { hash: Uint8Array; error: TelchainError }[];
}

/** Where the template goes: its parent and the header fields the chain decides. */
export interface TemplateSlot {
  parent: Uint8Array;
  height: number;
  timestamp: number;
  bits: number;
  miner: Uint8Array;
}

/** Header, list overhead and per-transaction length prefix, as counted against maxBlockBytes. */
const BLOCK_OVERHEAD_BYTES = 200;
const TX_OVERHEAD_BYTES = 4;

/** A template on `state` (the parent's state); the nonce is left 0 for the proof-of-work search. */
export function buildBlockTemplate(
  state: StateDb,
  ctx: TransitionContext,
  slot: TemplateSlot,
  candidates: readonly TemplateCandidate[],
): Template {
  const { params, modules } = ctx;
  const execution = new BlockExecution(state, ctx, slot.height, slot.timestamp);
  const included: TemplateCandidate[] = [];
  const rejected: Template["rejected"] = [];
  let bytes = BLOCK_OVERHEAD_BYTES;
  for (const c of candidates) {
    if (included.length >= params.maxBlockTxs || bytes + c.size + TX_OVERHEAD_BYTES > params.maxBlockBytes)
      break;
    try {
      const checked = checkTxStateless(c.tx, c.bytes, c.hash, params, modules);
      checked.signer = c.signer;
      execution.applyTx(checked);
      included.push(c);
      bytes += c.size + TX_OVERHEAD_BYTES;
    } catch (e) {
      if (e instanceof TelchainError) rejected.push({ hash: c.hash, error: e });
      else throw e;
    }
  }
  const { changes, fees } = execution.finish(slot.miner);
  const header: Header = {
    version: BLOCK_VERSION,
    parent: slot.parent,
    height: slot.height,
    timestamp: slot.timestamp,
    txRoot: merkleRoot(included.map((t) => t.hash)),
    stateRoot: state.prepare(changes).root,
    bits: slot.bits,
    miner: slot.miner,
    nonce: 0n,
  };
  return { block: { header, txs: included.map((t) => t.tx) }, fees, rejected };
}
