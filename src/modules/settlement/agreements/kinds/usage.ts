/**
 * usage-commit: after a period ends, each side commits once, before the period's deadline (its
 * end + commitDeadline): the Merkle root and count of its accepted records, the total quantity
 * per service and the total charge under the deck. The second commitment reconciles the period
 * (reconcile.ts); the first one enters the deadline queue (deadlines.ts), so that a side that
 * misses the deadline accepts the other's total.
 */
import { equalBytes } from "../../../../bytes.js";
import { EMPTY_MERKLE_ROOT } from "../../../../chain/merkle.js";
import { TelchainError } from "../../../../errors.js";
import { defineKind } from "../../../../module/kind.js";
import { utcText } from "../../rating/record.js";
import { pushDeadline } from "../deadlines.js";
import { periodEnd } from "../periods.js";
import { deadlineOf, reconcile } from "../reconcile.js";
import { CommitPayload } from "../schemas.js";
import { readCommitment, readOutcome, writeCommitment } from "../store.js";
import { agreementOf, ensureInForce, senderSide, statusOf } from "./common.js";

export const commit = defineKind({
  payload: CommitPayload,
  parse(p) {
    const totals = p.voice | p.sms | p.data | p.charge;
    if (p.count === 0 && (!equalBytes(p.root, EMPTY_MERKLE_ROOT) || totals !== 0n))
      throw new TelchainError(
        "SETTLEMENT_BAD_COMMITMENT",
        "a commitment of no records has the empty root (SHA-256 of nothing) and zero totals",
      );
    return p;
  },
  apply(ctx, p) {
    const a = agreementOf(ctx, p.agreementId);
    const side = senderSide(ctx, a);
    ensureInForce(a);
    const key = `agreement ${a.id} period ${p.period}`;
    if (statusOf(a) === "terminated" && p.period >= a.endPeriod)
      throw new TelchainError(
        "SETTLEMENT_PERIOD_TERMINATED",
        `${key}: the agreement is terminated and covers periods before ${a.endPeriod} only`,
      );
    const end = periodEnd(a.terms, p.period);
    const now = BigInt(ctx.block.timestamp);
    if (now < end)
      throw new TelchainError(
        "SETTLEMENT_PERIOD_NOT_ENDED",
        `${key} ends at ${end <= 253_402_300_799n ? utcText(Number(end)) : `${end} s`}; the block time is ${utcText(ctx.block.timestamp)}`,
      );
    if (readCommitment(ctx.state, [a.id, p.period, side]))
      throw new TelchainError(
        "SETTLEMENT_ALREADY_COMMITTED",
        `${key}: the ${side} (${a[side]}) already committed`,
      );
    const deadline = deadlineOf(a, p.period);
    if (ctx.block.timestamp > deadline)
      throw new TelchainError(
        "SETTLEMENT_COMMIT_LATE",
        `${key}: the commit deadline was ${utcText(deadline)}; the block time is ${utcText(ctx.block.timestamp)}`,
      );
    if (readOutcome(ctx.state, [a.id, p.period]))
      throw new TelchainError(
        "SETTLEMENT_COMMIT_LATE",
        `${key}: settled at its deadline on the other side's commitment alone`,
      );
    const { root, count, voice, sms, data, charge } = p;
    const mine = {
      root,
      count,
      voice,
      sms,
      data,
      charge,
      height: ctx.block.height,
      timestamp: ctx.block.timestamp,
    };
    writeCommitment(ctx.state, [a.id, p.period, side], mine);
    const theirs = readCommitment(ctx.state, [a.id, p.period, side === "seller" ? "buyer" : "seller"]);
    if (!theirs) return pushDeadline(ctx.state, { deadline, agreementId: a.id, period: p.period });
    if (side === "seller") reconcile(ctx, a, p.period, mine, theirs);
    else reconcile(ctx, a, p.period, theirs, mine);
  },
});
