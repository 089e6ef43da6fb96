/**
 * Disputes: a period whose two totals differ beyond the tolerance has [low, high] withheld. It
 * ends with a figure f in [low, high] (reconcile.ts resolveDispute):
 *   dispute-concede   the seller concedes (f = the buyer's figure) or the buyer does (the seller's)
 *   dispute-propose   one side proposes f (replacing any open proposal) …
 *   dispute-accept    … and the other side accepts that same f
 *   dispute-decide    the agreement's arbiter, once the dispute window has ended
 *   dispute-evidence  while the window is open, a side posts a record with its Merkle proof
 *                     against its OWN committed root and count; the chain checks the proof and
 *                     keeps the record's canonical line and leaf (16 per side at most)
 */
import { equalBytes, toHex } from "../../../../bytes.js";
import { verifyMerkleProof } from "../../../../chain/merkle.js";
import { encodeAddress } from "../../../../crypto/address.js";
import { TelchainError } from "../../../../errors.js";
import type { TxContext } from "../../../../module/interface.js";
import { defineKind, type ValueOf } from "../../../../module/kind.js";
import { canonicalLine, recordLeaf, type Service, type UsageRecord } from "../../rating/record.js";
import { periodEnd, periodStart } from "../periods.js";
import { resolveDispute } from "../reconcile.js";
import {
  type AgreementEntry,
  type DisputeEntry,
  EvidencePayload,
  FigurePayload,
  MAX_EVIDENCE_PER_SIDE,
  PeriodPayload,
  SIDES,
  type Side,
} from "../schemas.js";
import { readCommitment, readDispute, writeDispute } from "../store.js";
import { agreementOf, MAX_TIMESTAMP, senderSide } from "./common.js";

type PeriodArgs = { agreementId: number; period: number };

/** The open dispute of a period (SETTLEMENT_NO_DISPUTE, SETTLEMENT_DISPUTE_CLOSED). */
function openDispute(ctx: TxContext, a: AgreementEntry, period: number): DisputeEntry {
  const d = readDispute(ctx.state, [a.id, period]);
  if (!d)
    throw new TelchainError("SETTLEMENT_NO_DISPUTE", `agreement ${a.id} period ${period} has no dispute`);
  if (d.resolved)
    throw new TelchainError(
      "SETTLEMENT_DISPUTE_CLOSED",
      `the dispute of agreement ${a.id} period ${period} is resolved at ${d.figure} (height ${d.resolvedHeight})`,
    );
  return d;
}

/** The agreement, the sender's side and the open dispute of the period. */
function partyDispute(ctx: TxContext, p: PeriodArgs): [AgreementEntry, Side, DisputeEntry] {
  const a = agreementOf(ctx, p.agreementId);
  const side = senderSide(ctx, a);
  return [a, side, openDispute(ctx, a, p.period)];
}

function ensureInRange(d: DisputeEntry, figure: bigint): void {
  if (figure < d.low || figure > d.high)
    throw new TelchainError(
      "SETTLEMENT_FIGURE_OUT_OF_RANGE",
      `the figure ${figure} is outside the disputed range [${d.low}, ${d.high}]`,
    );
}

const sideCode = (side: Side) => SIDES.indexOf(side);

export const concede = defineKind({
  payload: PeriodPayload,
  parse: (p) => p,
  apply(ctx, p) {
    const [, side, d] = partyDispute(ctx, p);
    if (side === "seller") resolveDispute(ctx, d, d.buyerFigure, "seller-conceded");
    else resolveDispute(ctx, d, d.sellerFigure, "buyer-conceded");
  },
});

export const proposeFigure = defineKind({
  payload: FigurePayload,
  parse: (p) => p,
  apply(ctx, p) {
    const [, side, d] = partyDispute(ctx, p);
    ensureInRange(d, p.figure);
    writeDispute(ctx.state, [d.agreementId, d.period], {
      ...d,
      proposal: [{ side: sideCode(side), figure: p.figure }],
    });
  },
});

export const acceptFigure = defineKind({
  payload: FigurePayload,
  parse: (p) => p,
  apply(ctx, p) {
    const [, side, d] = partyDispute(ctx, p);
    const proposal = d.proposal[0];
    if (!proposal)
      throw new TelchainError(
        "SETTLEMENT_NO_PROPOSAL",
        `no figure is proposed in the dispute of period ${d.period}`,
      );
    if (proposal.side === sideCode(side))
      throw new TelchainError(
        "SETTLEMENT_OWN_PROPOSAL",
        `the ${side} proposed ${proposal.figure}: the other side accepts it`,
      );
    if (proposal.figure !== p.figure)
      throw new TelchainError(
        "SETTLEMENT_FIGURE_MISMATCH",
        `the ${SIDES[proposal.side]} proposed ${proposal.figure}, not ${p.figure}`,
      );
    resolveDispute(ctx, d, p.figure, "mutual");
  },
});

export const decide = defineKind({
  payload: FigurePayload,
  parse: (p) => p,
  apply(ctx, p) {
    const a = agreementOf(ctx, p.agreementId);
    const arbiter = a.terms.arbiter[0];
    if (!arbiter || !equalBytes(arbiter, ctx.sender))
      throw new TelchainError(
        "SETTLEMENT_NOT_ARBITER",
        arbiter
          ? `agreement ${a.id}'s arbiter is ${encodeAddress(arbiter)}, not the sender`
          : `agreement ${a.id} names no arbiter`,
      );
    const d = openDispute(ctx, a, p.period);
    if (ctx.block.timestamp < d.windowEnd)
      throw new TelchainError(
        "SETTLEMENT_WINDOW_OPEN",
        `the dispute window is open until ${d.windowEnd} (${d.windowEnd - ctx.block.timestamp} s from this block)`,
      );
    ensureInRange(d, p.figure);
    resolveDispute(ctx, d, p.figure, "arbiter");
  },
});

type EvidenceFields = ValueOf<typeof EvidencePayload>;

function parseEvidence(p: EvidenceFields) {
  if (p.record.start > MAX_TIMESTAMP)
    throw new TelchainError(
      "SETTLEMENT_BAD_RECORD",
      `the record's start ${p.record.start} is after year 9999`,
    );
  const record: UsageRecord = { ...p.record, service: p.record.service as Service };
  return { ...p, record, leaf: recordLeaf(record), line: canonicalLine(record) };
}

export const evidence = defineKind({
  payload: EvidencePayload,
  parse: parseEvidence,
  apply(ctx, p) {
    const [a, side, d] = partyDispute(ctx, p);
    if (ctx.block.timestamp >= d.windowEnd)
      throw new TelchainError("SETTLEMENT_EVIDENCE_CLOSED", `the dispute window closed at ${d.windowEnd}`);
    const start = BigInt(p.record.start);
    if (start < periodStart(a.terms, p.period) || start >= periodEnd(a.terms, p.period))
      throw new TelchainError(
        "SETTLEMENT_BAD_RECORD",
        `record ${p.record.recordId} starts at ${p.record.start}, outside period ${p.period}`,
      );
    const mine = d.evidence.filter((e) => e.side === sideCode(side));
    if (mine.some((e) => equalBytes(e.leaf, p.leaf)))
      throw new TelchainError(
        "SETTLEMENT_EVIDENCE_DUPLICATE",
        `the ${side} already posted record ${p.record.recordId}`,
      );
    if (mine.length >= MAX_EVIDENCE_PER_SIDE)
      throw new TelchainError(
        "SETTLEMENT_EVIDENCE_FULL",
        `the ${side} already posted ${MAX_EVIDENCE_PER_SIDE} records`,
      );
    const c = readCommitment(ctx.state, [a.id, p.period, side]);
    if (!c || !verifyMerkleProof(c.root, p.leaf, p.index, c.count, p.path))
      throw new TelchainError(
        "SETTLEMENT_EVIDENCE_INVALID",
        `record ${p.record.recordId} at index ${p.index} with ${p.path.length} hashes does not lead to the ${side}'s root ${c ? toHex(c.root) : "(none)"} of ${c?.count ?? 0} records`,
      );
    const posted = {
      side: sideCode(side),
      leaf: p.leaf,
      line: p.line,
      index: p.index,
      height: ctx.block.height,
    };
    writeDispute(ctx.state, [d.agreementId, d.period], { ...d, evidence: [...d.evidence, posted] });
  },
  toJSON: (p) => ({
    agreementId: p.agreementId,
    period: p.period,
    record: { ...p.record, quantity: p.record.quantity.toString() },
    index: p.index,
    path: p.path.map(toHex),
  }),
});
