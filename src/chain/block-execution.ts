/**
 * One block's execution, step by step, on a copy-on-write layer over a state reader: the
 * transactions, then every module's end-of-block step, then the miner reward; then the change
 * set and its undo record. Block import (stateTransition) and block templates (buildBlockTemplate)
 * both run a block through this, so a template executes exactly as its block will on import.
 * No I/O: reads go to the given reader, writes stay in the layer.
 */

import type { SigCache } from "../crypto/sig-cache.js";
import type { BlockInfo } from "../module/interface.js";
import type { ModuleRegistry } from "../module/registry.js";
import { Accounts } from "../state/accounts.js";
import { keyBytes, Overlay } from "../state/overlay.js";
import type { StateReader } from "../state/view.js";
import { applyEndBlock, applyTx, type CheckedTx } from "./execute.js";
import { blockReward, type ChainParams } from "./params.js";

/** What a block's execution needs besides the state: the network's identity, rules and modules. */
export interface TransitionContext {
  chainId: string;
  params: ChainParams;
  modules: ModuleRegistry;
  /** Signatures execution already verified, by (transaction, key); optional memo only. */
  sigCache?: SigCache;
}

/** The value of one key before a block changed it (existed 0: the key was absent). */
export interface UndoEntry {
  key: Uint8Array;
  existed: number;
  value: Uint8Array;
}

/** A block's effect: its state changes (latin1 key -> value, null = deleted), their undo, the fees. */
export interface BlockTransition {
  changes: Map<string, Uint8Array | null>;
  /** The previous value of every changed key: applying it to the new state restores the old one. */
  undo: UndoEntry[];
  fees: bigint;
}

export class BlockExecution {
  private readonly layer: Overlay;
  private readonly info: BlockInfo;
  private fees = 0n;

  constructor(
    state: StateReader,
    private readonly ctx: TransitionContext,
    height: number,
    timestamp: number,
  ) {
    // The state below does not change while the block executes: each key is read from it once.
    this.layer = new Overlay(state, { cacheReads: true });
    this.info = { chainId: ctx.chainId, height, timestamp, params: ctx.params };
  }

  /** Applies one transaction; if it fails, it throws and leaves the state as it was. */
  applyTx(checked: CheckedTx): void {
    this.fees += applyTx(this.layer, checked, this.info, this.ctx.modules, this.ctx.sigCache);
  }

  /**
   * Ends the block: module end-of-block steps (after the transactions, before the reward), the
   * reward plus fees to `miner`, and the undo record. The execution is spent afterwards.
   */
  finish(miner: Uint8Array): BlockTransition {
    applyEndBlock(this.layer, this.info, this.ctx.modules);
    new Accounts(this.layer).credit(miner, blockReward(this.ctx.params, this.info.height) + this.fees);
    const undo: UndoEntry[] = [];
    for (const k of this.layer.changes.keys()) {
      const key = keyBytes(k);
      const old = this.layer.parentValue(key);
      undo.push({ key, existed: old ? 1 : 0, value: old ?? new Uint8Array(0) });
    }
    return { changes: this.layer.changes, undo, fees: this.fees };
  }
}
