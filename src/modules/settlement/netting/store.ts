/**
 * The netting part's state (keys relative to m/settlement/; the layout is in ../store.ts):
 *   c/<carrier>                    -> CollateralEntry  a carrier's collateral
 *   s/<cycle u64 BE>/<carrier>     -> Statement        its statement of a netted cycle
 *   y/<cycle u64 BE>               -> CycleSummary     the summary of a netted cycle
 */
import { concatBytes, u64be, utf8 } from "../../../bytes.js";
import { entries } from "../../../module/store.js";
import type { StateReader, StateView } from "../../../state/view.js";
import { readObligations } from "../ledger.js";
import { CollateralEntry, CycleSummary, Statement } from "./schemas.js";

export const MAX_UINT64 = (1n << 64n) - 1n;

const collateral = entries(CollateralEntry, (carrier: string) => utf8(`c/${carrier}`));
/** The prefix of a cycle's statements (a scan of it lists them in carrier order). */
export const statementsPrefix = (cycle: number) => concatBytes(utf8("s/"), u64be(cycle), utf8("/"));
const statements = entries(Statement, ([cycle, carrier]: [number, string]) =>
  concatBytes(statementsPrefix(cycle), utf8(carrier)),
);
const summaries = entries(CycleSummary, (cycle: number) => concatBytes(utf8("y/"), u64be(cycle)));

/** A carrier's collateral balance (0 when it never deposited). */
export const readCollateral = (state: StateReader, carrier: string): bigint =>
  collateral.get(state, carrier)?.balance ?? 0n;

export function writeCollateral(state: StateView, carrier: string, balance: bigint): void {
  if (balance === 0n) collateral.delete(state, carrier);
  else collateral.set(state, carrier, { balance });
}

/** State keys of a collateral, a statement and a cycle summary (the proofs name them). */
export const [collateralKey, statementKey, summaryKey] = [collateral.key, statements.key, summaries.key];

export const readStatement = (state: StateReader, cycle: number, carrier: string) =>
  cycle < 0 ? undefined : statements.get(state, [cycle, carrier]);
export const writeStatement = (state: StateView, cycle: number, carrier: string, s: Statement) =>
  statements.set(state, [cycle, carrier], s);
export const readSummary = (state: StateReader, cycle: number) => summaries.get(state, cycle);
export const writeSummary = (state: StateView, cycle: number, s: CycleSummary) =>
  summaries.set(state, cycle, s);

/**
 * What a carrier's collateral must keep for the open cycle `cycle`: its net debit so far (what
 * it owes minus what it is owed, arrears brought forward included), or 0 when it is owed more.
 * Reads the cycle's obligations: at most MAX_OBLIGATIONS_PER_CYCLE (10,000) entries.
 */
export function neededFor(state: StateReader, cycle: number, carrier: string): bigint {
  let net = 0n;
  for (const o of readObligations(state, cycle)) {
    if (o.buyer === carrier) net -= o.amount;
    if (o.seller === carrier) net += o.amount;
  }
  return net < 0n ? -net : 0n;
}

/** A carrier's collateral: balance, what the open cycle needs, and the rest (withdrawable). */
export function collateralOf(state: StateReader, cycle: number, carrier: string) {
  const balance = readCollateral(state, carrier);
  const needed = neededFor(state, cycle, carrier);
  return { balance, needed, withdrawable: balance > needed ? balance - needed : 0n };
}
