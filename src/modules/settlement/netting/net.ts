/**
 * Multilateral netting of one cycle, as a pure function of its obligations and the carriers'
 * collateral (the end-of-block step, end-block.ts, reads and writes the state around it).
 *
 * Each carrier's net position is what it is owed minus what it owes. A net debtor whose
 * collateral does not cover its net debit is in default: all its obligations of the cycle (as
 * buyer and as seller) are carried to the next cycle, and the positions of the others are
 * computed again without them. All the uncovered debtors of a round are removed together,
 * round after round, until every remaining debtor is covered. (So is, in a corner case that
 * needs more than 2^64 − 1 base units of collateral in all, a creditor whose credit would
 * take its collateral past 2^64 − 1: the chain never fails a block over it.) Then every
 * remaining debtor pays its net debit from its collateral and every remaining creditor
 * receives its net credit into its collateral: the settled nets sum to zero.
 *
 * Cost: O(pairs + carriers). Each obligation is visited once to build the positions and at
 * most once more when one of its carriers is removed; a round re-checks only the carriers
 * whose position the previous round changed.
 */
import type { Obligation } from "../schemas.js";
import { MAX_UINT64 } from "./store.js";

export interface Position {
  grossReceivable: bigint;
  grossPayable: bigint;
  carriedReceivable: bigint;
  carriedPayable: bigint;
  /** What the netting moves: into its collateral when positive, out of it when negative. */
  settled: bigint;
  /** The round in which it was uncovered and removed; 0 = it was not. */
  defaultRound: number;
}

export interface NettingResult {
  /** Every carrier of the cycle, in the order it first appears in the obligations. */
  positions: Map<string, Position>;
  /** The obligations carried to the next cycle, in the cycle's order. */
  carried: Obligation[];
  /** Rounds of checks: 1 = nobody defaulted, 1 + the removal rounds otherwise; 0 = no obligations. */
  rounds: number;
  grossVolume: bigint;
  carriedVolume: bigint;
  /** The sum of the positive settled nets: what moved between collaterals. */
  netVolume: bigint;
}

const empty = (): Position => ({
  grossReceivable: 0n,
  grossPayable: 0n,
  carriedReceivable: 0n,
  carriedPayable: 0n,
  settled: 0n,
  defaultRound: 0,
});

export function netCycle(
  obligations: readonly Obligation[],
  collateral: (carrier: string) => bigint,
): NettingResult {
  const positions = new Map<string, Position>();
  const touching = new Map<string, number[]>();
  const at = (carrier: string, i: number) => {
    let p = positions.get(carrier);
    if (!p) {
      p = empty();
      positions.set(carrier, p);
      touching.set(carrier, []);
    }
    touching.get(carrier)?.push(i);
    return p;
  };
  let grossVolume = 0n;
  obligations.forEach((o, i) => {
    at(o.buyer, i).grossPayable += o.amount;
    at(o.seller, i).grossReceivable += o.amount;
    grossVolume += o.amount;
  });
  // The live positions: settled = receivable − payable over the obligations still in.
  for (const p of positions.values()) p.settled = p.grossReceivable - p.grossPayable;
  const live = obligations.map(() => true);
  const covered = (c: string, p: Position) =>
    p.settled < 0n ? collateral(c) >= -p.settled : collateral(c) + p.settled <= MAX_UINT64;

  let rounds = 0;
  let candidates = [...positions.keys()];
  while (positions.size > 0) {
    rounds++; // this round checks the carriers whose position changed (all of them in the first)
    const uncovered = candidates.filter((c) => {
      const p = positions.get(c) as Position;
      return p.defaultRound === 0 && !covered(c, p);
    });
    if (uncovered.length === 0) break;
    for (const c of uncovered) (positions.get(c) as Position).defaultRound = rounds;
    const changed = new Set<string>();
    for (const c of uncovered) {
      for (const i of touching.get(c) ?? []) {
        if (!live[i]) continue;
        live[i] = false;
        const o = obligations[i];
        const [buyer, seller] = [positions.get(o.buyer) as Position, positions.get(o.seller) as Position];
        buyer.settled += o.amount;
        buyer.carriedPayable += o.amount;
        seller.settled -= o.amount;
        seller.carriedReceivable += o.amount;
        for (const other of [o.buyer, o.seller])
          if ((positions.get(other) as Position).defaultRound === 0) changed.add(other);
      }
    }
    candidates = [...changed];
  }

  const carried = obligations.filter((_, i) => !live[i]);
  let carriedVolume = 0n;
  for (const o of carried) carriedVolume += o.amount;
  let netVolume = 0n;
  for (const p of positions.values()) if (p.settled > 0n) netVolume += p.settled;
  return { positions, carried, rounds, grossVolume, carriedVolume, netVolume };
}
