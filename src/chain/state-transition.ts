/**
 * The pure block state transition: a state reader plus a block (and its already-checked
 * transactions) give the block's state changes, their undo record and the fees. It runs the
 * transactions in order (any failure refuses the block, with the transaction's position), then
 * every module's end-of-block step, then the miner reward. No I/O, no store, no clock: the
 * caller checks the state root and writes the result.
 */
import type { Block } from "../codec/schema.js";
import type { StateReader } from "../state/view.js";
import { BlockExecution, type BlockTransition, type TransitionContext } from "./block-execution.js";
import type { CheckedTx } from "./execute.js";
import { txError } from "./validate-block.js";

export function stateTransition(
  state: StateReader,
  block: Block,
  checked: CheckedTx[],
  ctx: TransitionContext,
): BlockTransition {
  const h = block.header;
  const execution = new BlockExecution(state, ctx, h.height, h.timestamp);
  for (let i = 0; i < checked.length; i++) {
    try {
      execution.applyTx(checked[i]);
    } catch (e) {
      txError(e, i, checked[i].hash);
    }
  }
  return execution.finish(h.miner);
}
