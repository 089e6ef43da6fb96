/**
 * What the netting routes show (and the CLI prints): a carrier's statement of a cycle, a
 * cycle's summary with its statements, a carrier's collateral. Amounts are decimal strings of
 * base units; `net` is signed.
 */
import { type Static, Type } from "@sinclair/typebox";
import { OrNull } from "../../../api/schemas.js";
import type { QueryContext } from "../../../module/interface.js";
import { cycleOf, readWithheld } from "../ledger.js";
import { readParams } from "../store.js";
import type { CycleSummary, Statement } from "./schemas.js";
import { collateralOf, readStatement } from "./store.js";

const Amount = (description: string) => Type.String({ pattern: "^[0-9]+$", description });
const Int = Type.Integer({ minimum: 0 });

export const StatementSchema = Type.Object({
  carrier: Type.String(),
  cycle: Int,
  grossReceivable: Amount("what it was owed in the cycle, arrears brought forward included"),
  grossPayable: Amount("what it owed in the cycle, arrears brought forward included"),
  net: Type.String({ pattern: "^-?[0-9]+$", description: "grossReceivable − grossPayable (signed)" }),
  paid: Amount("taken from its collateral by the netting"),
  received: Amount("put into its collateral by the netting"),
  carriedReceivable: Amount("of grossReceivable: carried to the next cycle (a default)"),
  carriedPayable: Amount("of grossPayable: carried to the next cycle (a default)"),
  arrearsReceivable: Amount("of grossReceivable: brought forward from the previous cycle"),
  arrearsPayable: Amount("of grossPayable: brought forward from the previous cycle"),
  withheldReceivable: Amount("disputed amounts it is owed, outstanding when the cycle was netted"),
  withheldPayable: Amount("disputed amounts it owes, outstanding when the cycle was netted"),
  defaulted: Type.Boolean({
    description: "its collateral did not cover its net debit: its amounts were carried",
  }),
  defaultRound: OrNull(Type.Integer({ minimum: 1, description: "the round in which it was removed" })),
  collateralAfter: Amount("its collateral after the netting"),
});
export type StatementView = Static<typeof StatementSchema>;

export const SummarySchema = Type.Object({
  grossVolume: Amount("every amount of the cycle, arrears included"),
  settledVolume: Amount("of it, settled in the cycle"),
  carriedVolume: Amount("of it, carried to the next cycle"),
  netVolume: Amount("what moved between collaterals (the sum of the positive nets)"),
  saving: Amount("settledVolume − netVolume: what netting spared moving"),
  carriers: Int,
  defaulters: Int,
  rounds: Type.Integer({ minimum: 0, description: "rounds of checks: 1 = nobody defaulted, 0 = no amounts" }),
});
export type SummaryView = Static<typeof SummarySchema>;

export const CycleSchema = Type.Object({
  cycle: Int,
  startHeight: Int,
  endHeight: Type.Integer({ minimum: 0, description: "its last block, which netted it" }),
  summary: SummarySchema,
  statements: Type.Object({
    items: Type.Array(StatementSchema, { description: "in carrier order" }),
    next: OrNull(Type.String({ description: "cursor of the following page of statements" })),
  }),
});
export type CycleView = Static<typeof CycleSchema>;

export const CollateralSchema = Type.Object({
  carrier: Type.String(),
  balance: Amount("its collateral"),
  openCycle: Type.Integer({ minimum: 0, description: "the cycle of the next block" }),
  needed: Amount("its net debit so far in the open cycle (arrears included): locked"),
  withdrawable: Amount("balance − needed (0 when needed is more)"),
  arrearsPayable: Amount("what it owes that the last netting carried into the open cycle"),
  arrearsReceivable: Amount("what it is owed that the last netting carried into the open cycle"),
  withheldPayable: Amount("disputed amounts it owes, outstanding"),
  withheldReceivable: Amount("disputed amounts it is owed, outstanding"),
});
export type CollateralView = Static<typeof CollateralSchema>;

export function statementView(carrier: string, cycle: number, s: Statement): StatementView {
  return {
    carrier,
    cycle,
    grossReceivable: s.grossReceivable.toString(),
    grossPayable: s.grossPayable.toString(),
    net: (s.grossReceivable - s.grossPayable).toString(),
    paid: s.paid.toString(),
    received: s.received.toString(),
    carriedReceivable: s.carriedReceivable.toString(),
    carriedPayable: s.carriedPayable.toString(),
    arrearsReceivable: s.arrearsReceivable.toString(),
    arrearsPayable: s.arrearsPayable.toString(),
    withheldReceivable: s.withheldReceivable.toString(),
    withheldPayable: s.withheldPayable.toString(),
    defaulted: s.defaultRound > 0,
    defaultRound: s.defaultRound > 0 ? s.defaultRound : null,
    collateralAfter: s.collateralAfter.toString(),
  };
}

const NO_SUMMARY: CycleSummary = {
  grossVolume: 0n,
  settledVolume: 0n,
  carriedVolume: 0n,
  netVolume: 0n,
  carriers: 0,
  defaulters: 0,
  rounds: 0,
};

/** A netted cycle's summary (zeros for a cycle that had no amounts, which writes none). */
export const summaryView = (s: CycleSummary = NO_SUMMARY): SummaryView => ({
  grossVolume: s.grossVolume.toString(),
  settledVolume: s.settledVolume.toString(),
  carriedVolume: s.carriedVolume.toString(),
  netVolume: s.netVolume.toString(),
  saving: (s.settledVolume - s.netVolume).toString(),
  carriers: s.carriers,
  defaulters: s.defaulters,
  rounds: s.rounds,
});

/** The cycle of the next block at the head: the one still open (its obligations are being recorded). */
export const openCycle = (q: QueryContext) => cycleOf(q.height() + 1, readParams(q.state()).cycleBlocks);

export function collateralView(q: QueryContext, carrier: string): CollateralView {
  const state = q.state();
  const cycle = openCycle(q);
  const c = collateralOf(state, cycle, carrier);
  const last = readStatement(state, cycle - 1, carrier);
  const withheld = readWithheld(state, carrier);
  return {
    carrier,
    balance: c.balance.toString(),
    openCycle: cycle,
    needed: c.needed.toString(),
    withdrawable: c.withdrawable.toString(),
    arrearsPayable: (last?.carriedPayable ?? 0n).toString(),
    arrearsReceivable: (last?.carriedReceivable ?? 0n).toString(),
    withheldPayable: withheld.payable.toString(),
    withheldReceivable: withheld.receivable.toString(),
  };
}
