/**
 * The netting block: at the last block of every cycle (ledger.endsCycle), without any
 * transaction, the cycle's obligations are netted (net.ts), the defaulters' obligations are
 * carried to the next cycle, the settled nets move between collaterals, and each carrier of
 * the cycle gets its statement and the cycle its summary. A cycle without obligations writes
 * nothing (its routes answer zeros).
 *
 * Bounded work, paid by no transaction: a cycle holds at most MAX_OBLIGATIONS_PER_CYCLE
 * (10,000) pairs, so at most 20,000 carriers. Reads: the pairs, and per carrier its collateral,
 * withheld amounts and previous statement. Writes: per carrier its collateral (when it
 * changed) and statement, one summary, and 3 keys per carried pair (ledger.addObligation).
 * The next cycle is empty when this runs (obligations are recorded in the cycle of the block
 * that records them, and this runs after the block's transactions), so carrying at most
 * 10,000 distinct pairs into it neither fills it nor overflows a pair.
 */
import type { EndBlockContext } from "../../../module/interface.js";
import { addObligation, cycleOf, endsCycle, readObligations, readWithheld } from "../ledger.js";
import { readParams } from "../store.js";
import { netCycle } from "./net.js";
import { readCollateral, readStatement, writeCollateral, writeStatement, writeSummary } from "./store.js";

export function nettingEndBlock(ctx: EndBlockContext): void {
  const { cycleBlocks } = readParams(ctx.state);
  const height = ctx.block.height;
  if (!endsCycle(height, cycleBlocks)) return;
  const cycle = cycleOf(height, cycleBlocks);
  const obligations = readObligations(ctx.state, cycle);
  if (obligations.length === 0) return;

  const balances = new Map<string, bigint>();
  const balanceOf = (carrier: string) => {
    let b = balances.get(carrier);
    if (b === undefined) {
      b = readCollateral(ctx.state, carrier);
      balances.set(carrier, b);
    }
    return b;
  };
  const r = netCycle(obligations, balanceOf);

  for (const o of r.carried) addObligation(ctx.state, cycle + 1, o.buyer, o.seller, o.amount);
  let defaulters = 0;
  for (const [carrier, p] of r.positions) {
    const before = balanceOf(carrier);
    const after = before + p.settled;
    if (p.settled !== 0n) writeCollateral(ctx.state, carrier, after);
    if (p.defaultRound > 0) defaulters++;
    const previous = readStatement(ctx.state, cycle - 1, carrier);
    const withheld = readWithheld(ctx.state, carrier);
    writeStatement(ctx.state, cycle, carrier, {
      grossReceivable: p.grossReceivable,
      grossPayable: p.grossPayable,
      carriedReceivable: p.carriedReceivable,
      carriedPayable: p.carriedPayable,
      arrearsReceivable: previous?.carriedReceivable ?? 0n,
      arrearsPayable: previous?.carriedPayable ?? 0n,
      paid: p.settled < 0n ? -p.settled : 0n,
      received: p.settled > 0n ? p.settled : 0n,
      withheldReceivable: withheld.receivable,
      withheldPayable: withheld.payable,
      defaultRound: p.defaultRound,
      collateralAfter: after,
    });
  }
  writeSummary(ctx.state, cycle, {
    grossVolume: r.grossVolume,
    settledVolume: r.grossVolume - r.carriedVolume,
    carriedVolume: r.carriedVolume,
    netVolume: r.netVolume,
    carriers: r.positions.size,
    defaulters,
    rounds: r.rounds,
  });
}
