/**
 * What settles a period, and what it writes to the ledger (../ledger.ts) in the cycle of the
 * block that settles it:
 *
 *   both sides committed, |s − b| × 10,000 ≤ toleranceBps × s   s agreed: obligation s
 *   both sides committed, outside the tolerance                  min(s, b) agreed: obligation
 *                                                                min; high − low withheld and
 *                                                                a dispute opened
 *   one side committed, its deadline passed (end of block)       that side's total agreed
 *   a dispute ends with figure f in [low, high]                  obligation f − low; the
 *                                                                withheld high − low released
 *
 * s is the seller's total charge, b the buyer's; buyer owes seller.
 */
import { TelchainError } from "../../../errors.js";
import type { BlockInfo, EndBlockContext } from "../../../module/interface.js";
import type { StateView } from "../../../state/view.js";
import { addObligation, addWithheld, cycleOf, readWithheld } from "../ledger.js";
import { readParams } from "../store.js";
import { peekDeadline, popDeadline } from "./deadlines.js";
import { periodEnd } from "./periods.js";
import {
  type AgreementEntry,
  type CommitmentEntry,
  type DeadlineEntry,
  type DisputeEntry,
  OUTCOMES,
  type OutcomeKind,
  RESOLUTIONS,
  type Resolution,
} from "./schemas.js";
import { readAgreement, readCommitment, readOutcome, writeDispute, writeOutcome } from "./store.js";

const MAX_U64 = (1n << 64n) - 1n;

/** Deadline entries the end-of-block step settles at most per block (the rest wait for the next). */
export const MAX_DEADLINES_PER_BLOCK = 64;

type Ctx = { state: StateView; block: BlockInfo };

/** The netting cycle of the block being built or validated. */
const cycleNow = (ctx: Ctx) => cycleOf(ctx.block.height, readParams(ctx.state).cycleBlocks);

/** The seller's total s stands when |s − b| × 10,000 ≤ toleranceBps × s. */
export function withinTolerance(s: bigint, b: bigint, toleranceBps: number): boolean {
  const diff = s > b ? s - b : b - s;
  return diff * 10_000n <= BigInt(toleranceBps) * s;
}

/** Adds `amount` to the withheld amounts of the pair, refusing a sum past 2^64 − 1. */
function withhold(state: StateView, buyer: string, seller: string, amount: bigint): void {
  if (
    readWithheld(state, buyer).payable + amount > MAX_U64 ||
    readWithheld(state, seller).receivable + amount > MAX_U64
  )
    throw new TelchainError(
      "SETTLEMENT_OVERFLOW",
      `withheld amounts between ${buyer} and ${seller} pass 2^64 − 1`,
    );
  addWithheld(state, buyer, seller, amount);
}

function settle(
  ctx: Ctx,
  a: AgreementEntry,
  period: number,
  kind: OutcomeKind,
  agreed: bigint,
  disputed: bigint,
) {
  const cycle = cycleNow(ctx);
  addObligation(ctx.state, cycle, a.buyer, a.seller, agreed);
  writeOutcome(ctx.state, [a.id, period], {
    kind: OUTCOMES.indexOf(kind),
    agreed,
    disputed,
    height: ctx.block.height,
    cycle,
  });
}

/** Both sides have committed: the agreed amount, and a dispute when they differ beyond the tolerance. */
export function reconcile(
  ctx: Ctx,
  a: AgreementEntry,
  period: number,
  seller: CommitmentEntry,
  buyer: CommitmentEntry,
): void {
  const [s, b] = [seller.charge, buyer.charge];
  if (withinTolerance(s, b, a.terms.toleranceBps)) {
    settle(ctx, a, period, "agreed", s, 0n);
    return;
  }
  const [low, high] = s < b ? [s, b] : [b, s];
  settle(ctx, a, period, "disputed", low, high - low);
  withhold(ctx.state, a.buyer, a.seller, high - low);
  const openedAt = ctx.block.timestamp;
  writeDispute(ctx.state, [a.id, period], {
    agreementId: a.id,
    period,
    seller: a.seller,
    buyer: a.buyer,
    low,
    high,
    sellerFigure: s,
    buyerFigure: b,
    openedAt,
    openedHeight: ctx.block.height,
    windowEnd: openedAt + a.terms.disputeWindow,
    proposal: [],
    evidence: [],
    resolved: false,
    figure: 0n,
    resolution: 0,
    resolvedHeight: 0,
  });
}

/** A dispute ends with `figure` (in [low, high]): the rest of it is owed, the withheld amount released. */
export function resolveDispute(ctx: Ctx, d: DisputeEntry, figure: bigint, how: Resolution): void {
  addObligation(ctx.state, cycleNow(ctx), d.buyer, d.seller, figure - d.low);
  addWithheld(ctx.state, d.buyer, d.seller, -(d.high - d.low));
  writeDispute(ctx.state, [d.agreementId, d.period], {
    ...d,
    proposal: [],
    resolved: true,
    figure,
    resolution: RESOLUTIONS.indexOf(how),
    resolvedHeight: ctx.block.height,
  });
}

/**
 * A queue entry whose deadline passed: if the period is still unsettled, the side that
 * committed has its total agreed. False when the ledger cannot take it in this cycle (full, or
 * past 2^64 − 1): the entry stays and is tried again in the next block.
 */
function settleMissed(ctx: Ctx, e: DeadlineEntry): boolean {
  if (readOutcome(ctx.state, [e.agreementId, e.period])) return true; // settled before its deadline
  const a = readAgreement(ctx.state, e.agreementId) as AgreementEntry;
  const one =
    readCommitment(ctx.state, [a.id, e.period, "seller"]) ??
    readCommitment(ctx.state, [a.id, e.period, "buyer"]);
  if (!one) return true;
  try {
    settle(ctx, a, e.period, "deadline", one.charge, 0n);
  } catch (err) {
    if (err instanceof TelchainError) return false;
    throw err;
  }
  return true;
}

/**
 * The end-of-block step of the agreements part: settles the periods whose commit deadline is
 * before this block's time and that only one side committed, earliest deadline first, at most
 * MAX_DEADLINES_PER_BLOCK entries (stale ones included) per block. It must run before netting
 * in the module's endBlock, so that what it agrees in a cycle's last block is netted with it.
 */
export function settleDeadlines(ctx: EndBlockContext): void {
  for (let n = 0; n < MAX_DEADLINES_PER_BLOCK; n++) {
    const top = peekDeadline(ctx.state);
    if (!top || top.deadline >= ctx.block.timestamp) return;
    if (!settleMissed(ctx, top)) return;
    popDeadline(ctx.state);
  }
}

/** The deadline of a period: its end plus the commit deadline (unix seconds). */
export const deadlineOf = (a: AgreementEntry, period: number): number =>
  Number(periodEnd(a.terms, period) + BigInt(a.terms.commitDeadline));
