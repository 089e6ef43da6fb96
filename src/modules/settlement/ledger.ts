/**
 * The ledger between the settlement parts: reconciliation and disputes record here what a buyer
 * owes a seller (an agreed total, a resolved dispute's figure, or a disputed amount withheld);
 * netting (at the last block of each cycle) reads a cycle's obligations and carries a
 * defaulter's to the next cycle. A cycle's obligations are a bounded list, one entry per
 * (buyer, seller) pair, because the end-of-block step cannot scan the state.
 *
 * Cycle c is the blocks of heights [c × cycleBlocks, (c + 1) × cycleBlocks − 1]; its last block nets it.
 */

import { concatBytes, u64be, utf8 } from "../../bytes.js";
import { TelchainError } from "../../errors.js";
import { entries, U32BE } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import { Obligation, Withheld } from "./schemas.js";

/** Most (buyer, seller) pairs one cycle may hold: bounds the netting block's work. */
export const MAX_OBLIGATIONS_PER_CYCLE = 10_000;

const cycleKey = (cycle: number, rest: string) => concatBytes(utf8("L/"), u64be(cycle), utf8(rest));
const counts = entries(U32BE, (cycle: number) => cycleKey(cycle, "/n"));
const items = entries(Obligation, ([cycle, i]: [number, number]) =>
  concatBytes(cycleKey(cycle, "/i/"), U32BE.serialize(i)),
);
const pairs = entries(U32BE, ([cycle, buyer, seller]: [number, string, string]) =>
  cycleKey(cycle, `/p/${buyer}/${seller}`),
);
const withheld = entries(Withheld, (carrier: string) => utf8(`W/${carrier}`));

/** The cycle a block height belongs to, and whether that block is the cycle's last (it nets). */
export const cycleOf = (height: number, cycleBlocks: number) => Math.floor(height / cycleBlocks);
export const endsCycle = (height: number, cycleBlocks: number) => (height + 1) % cycleBlocks === 0;

/** Adds `amount` to what `buyer` owes `seller` in `cycle`. */
export function addObligation(
  state: StateView,
  cycle: number,
  buyer: string,
  seller: string,
  amount: bigint,
): void {
  if (amount === 0n) return;
  const at = pairs.get(state, [cycle, buyer, seller]);
  if (at !== undefined) {
    const o = items.get(state, [cycle, at]) as Obligation;
    const sum = o.amount + amount;
    if (sum >= 1n << 64n)
      throw new TelchainError(
        "SETTLEMENT_OVERFLOW",
        `${buyer} → ${seller} in cycle ${cycle} passes 2^64 − 1`,
      );
    items.set(state, [cycle, at], { ...o, amount: sum });
    return;
  }
  const n = counts.get(state, cycle) ?? 0;
  if (n >= MAX_OBLIGATIONS_PER_CYCLE)
    throw new TelchainError("SETTLEMENT_CYCLE_FULL", `cycle ${cycle} already holds ${n} carrier pairs`);
  items.set(state, [cycle, n], { buyer, seller, amount });
  pairs.set(state, [cycle, buyer, seller], n);
  counts.set(state, cycle, n + 1);
}

/** The obligations of `cycle`, in the order their pairs were first recorded. */
export function readObligations(state: StateReader, cycle: number): Obligation[] {
  const out: Obligation[] = [];
  const n = counts.get(state, cycle) ?? 0;
  for (let i = 0; i < n; i++) out.push(items.get(state, [cycle, i]) as Obligation);
  return out;
}

/** A carrier's disputed amounts outstanding (zeros when none). */
export const readWithheld = (state: StateReader, carrier: string): Withheld =>
  withheld.get(state, carrier) ?? { payable: 0n, receivable: 0n };

/** Changes the amount withheld between `buyer` and `seller` by `delta` (negative when a dispute ends). */
export function addWithheld(state: StateView, buyer: string, seller: string, delta: bigint): void {
  const b = readWithheld(state, buyer);
  const s = readWithheld(state, seller);
  withheld.set(state, buyer, { ...b, payable: b.payable + delta });
  withheld.set(state, seller, { ...s, receivable: s.receivable + delta });
}
