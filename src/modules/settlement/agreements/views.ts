/**
 * What the agreements part shows (API and CLI): agreements, offers, a period's commitments and
 * outcome, disputes. Amounts are decimal strings (uint64), times unix seconds with their UTC.
 */
import { type Static, Type } from "@sinclair/typebox";
import { OneOf, OrNull } from "../../../api/schemas.js";
import { toHex } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import type { QueryContext } from "../../../module/interface.js";
import type { StateReader } from "../../../state/view.js";
import { utcText } from "../utc.js";
import { statusOf } from "./kinds/common.js";
import { currentPeriod, deckHashAt, periodEnd, periodStart } from "./periods.js";
import { deadlineOf } from "./reconcile.js";
import {
  type AgreementEntry,
  type CommitmentEntry,
  type DisputeEntry,
  type OfferEntry,
  OUTCOMES,
  RESOLUTIONS,
  SIDES,
  STATUSES,
  type Terms,
} from "./schemas.js";
import { readAgreement, readCommitment, readDispute, readOffer, readOutcome } from "./store.js";

const Int = Type.Integer();
const Amount = Type.String({ description: "base units (uint64, decimal)" });
const Hash = Type.String({ description: "32 bytes, hex" });
const Utc = Type.String({ description: "the same time in UTC, ISO 8601" });

const TermsFields = {
  periodSeconds: Int,
  anchor: Type.Integer({ description: "unix seconds where period 0 starts" }),
  anchorUtc: Utc,
  toleranceBps: Type.Integer({ description: "basis points of the seller's total" }),
  commitDeadline: Type.Integer({ description: "seconds after a period's end to commit" }),
  arbiter: OrNull(Type.String({ description: "address (tel1...)" })),
  disputeWindow: Type.Integer({
    description: "seconds from a dispute's opening: evidence, then the arbiter",
  }),
};
const VersionSchema = Type.Object({ fromPeriod: Int, deckHash: Hash });

export const AgreementSchema = Type.Object({
  id: Int,
  seller: Type.String(),
  buyer: Type.String(),
  status: OneOf(STATUSES),
  deckHash: Type.String({ description: "the deck in force in the current period (hex)" }),
  versions: Type.Array(VersionSchema, { description: "deck versions by first period" }),
  pendingVersion: OrNull(VersionSchema),
  ...TermsFields,
  offerId: OrNull(Type.Integer({ description: "the offer it was made from" })),
  proposedAt: Type.Integer({ description: "height" }),
  acceptedAt: OrNull(Type.Integer({ description: "height" })),
  endPeriod: OrNull(Type.Integer({ description: "terminated: the first period it no longer covers" })),
  currentPeriod: Type.Integer({ description: "at the head's time (−1 before period 0)" }),
});
export type AgreementView = Static<typeof AgreementSchema>;

const OfferFields = {
  id: Int,
  seller: Type.String({ description: "the publishing carrier" }),
  deckHash: Hash,
  deckBytes: Int,
  ...TermsFields,
  publishedAt: Type.Integer({ description: "height" }),
};
export const OfferSummarySchema = Type.Object(OfferFields);
export const OfferSchema = Type.Object({
  ...OfferFields,
  deck: Type.String({ description: "the CSV deck" }),
});
export type OfferSummaryView = Static<typeof OfferSummarySchema>;
export type OfferView = Static<typeof OfferSchema>;

const CommitmentSchema = Type.Object({
  root: Hash,
  count: Int,
  voice: Amount,
  sms: Amount,
  data: Amount,
  charge: Amount,
  height: Int,
  timestamp: Int,
});
export type CommitmentView = Static<typeof CommitmentSchema>;

export const PeriodSchema = Type.Object({
  agreementId: Int,
  period: Int,
  start: Int,
  startUtc: Utc,
  end: Int,
  endUtc: Utc,
  deadline: Type.Integer({ description: "the last second a side may commit" }),
  deadlineUtc: Utc,
  deckHash: Type.String({ description: "the deck in force in the period (hex)" }),
  seller: OrNull(CommitmentSchema),
  buyer: OrNull(CommitmentSchema),
  outcome: OrNull(
    Type.Object({
      kind: OneOf(OUTCOMES),
      agreed: Amount,
      disputed: Amount,
      height: Int,
      cycle: Type.Integer({ description: "the netting cycle the agreed amount is in" }),
    }),
  ),
});
export type PeriodView = Static<typeof PeriodSchema>;

export const DisputeSchema = Type.Object({
  agreementId: Int,
  period: Int,
  seller: Type.String(),
  buyer: Type.String(),
  status: OneOf(["open", "resolved"] as const),
  low: Amount,
  high: Amount,
  sellerFigure: Amount,
  buyerFigure: Amount,
  openedAt: Int,
  openedHeight: Int,
  windowEnd: Type.Integer({ description: "unix seconds: evidence before, the arbiter from then" }),
  windowEndUtc: Utc,
  proposal: OrNull(Type.Object({ side: OneOf(SIDES), figure: Amount })),
  figure: OrNull(Amount),
  resolution: OrNull(OneOf(RESOLUTIONS)),
  resolvedHeight: OrNull(Int),
  evidence: Type.Array(
    Type.Object({
      side: OneOf(SIDES),
      record: Type.String({ description: "the canonical record line" }),
      leaf: Hash,
      index: Int,
      height: Int,
    }),
  ),
});
export type DisputeView = Static<typeof DisputeSchema>;

/** UTC text of unix seconds, or the number when past year 9999. */
const utc = (s: number | bigint) => (s <= 253_402_300_799 && s >= 0 ? utcText(Number(s)) : String(s));

const termsView = (t: Terms) => ({
  periodSeconds: t.periodSeconds,
  anchor: t.anchor,
  anchorUtc: utc(t.anchor),
  toleranceBps: t.toleranceBps,
  commitDeadline: t.commitDeadline,
  arbiter: t.arbiter.length === 0 ? null : encodeAddress(t.arbiter[0]),
  disputeWindow: t.disputeWindow,
});
const versionView = (v: { fromPeriod: number; deckHash: Uint8Array }) => ({
  fromPeriod: v.fromPeriod,
  deckHash: toHex(v.deckHash),
});

export function agreementView(a: AgreementEntry, now: number): AgreementView {
  const current = currentPeriod(a.terms, now);
  const status = statusOf(a);
  return {
    id: a.id,
    seller: a.seller,
    buyer: a.buyer,
    status,
    deckHash: toHex(deckHashAt(a, Math.max(0, current))),
    versions: a.versions.map(versionView),
    pendingVersion: a.pending[0] ? versionView(a.pending[0]) : null,
    ...termsView(a.terms),
    offerId: a.offerId === 0 ? null : a.offerId,
    proposedAt: a.proposedAt,
    acceptedAt: a.acceptedAt === 0 ? null : a.acceptedAt,
    endPeriod: status === "terminated" ? a.endPeriod : null,
    currentPeriod: current,
  };
}

export const lookupAgreement = (q: QueryContext, id: number) => {
  const a = readAgreement(q.state(), id);
  return a && agreementView(a, q.timestamp());
};

export function offerSummary(o: OfferEntry): OfferSummaryView {
  return {
    id: o.id,
    seller: o.seller,
    deckHash: toHex(o.deckHash),
    deckBytes: o.deck.length,
    ...termsView(o.terms),
    publishedAt: o.publishedAt,
  };
}

export function lookupOffer(state: StateReader, id: number): OfferView | undefined {
  const o = readOffer(state, id);
  return o && { ...offerSummary(o), deck: new TextDecoder().decode(o.deck) };
}

const commitmentView = (c: CommitmentEntry | undefined): CommitmentView | null =>
  c
    ? {
        root: toHex(c.root),
        count: c.count,
        voice: c.voice.toString(),
        sms: c.sms.toString(),
        data: c.data.toString(),
        charge: c.charge.toString(),
        height: c.height,
        timestamp: c.timestamp,
      }
    : null;

/** A period of an agreement: its times, the deck in force, both commitments and the outcome. */
export function periodView(state: StateReader, a: AgreementEntry, period: number): PeriodView {
  const [start, end] = [periodStart(a.terms, period), periodEnd(a.terms, period)];
  const deadline = deadlineOf(a, period);
  const outcome = readOutcome(state, [a.id, period]);
  return {
    agreementId: a.id,
    period,
    start: Number(start),
    startUtc: utc(start),
    end: Number(end),
    endUtc: utc(end),
    deadline,
    deadlineUtc: utc(deadline),
    deckHash: toHex(deckHashAt(a, period)),
    seller: commitmentView(readCommitment(state, [a.id, period, "seller"])),
    buyer: commitmentView(readCommitment(state, [a.id, period, "buyer"])),
    outcome: outcome
      ? {
          kind: OUTCOMES[outcome.kind] ?? "agreed",
          agreed: outcome.agreed.toString(),
          disputed: outcome.disputed.toString(),
          height: outcome.height,
          cycle: outcome.cycle,
        }
      : null,
  };
}

export function disputeView(d: DisputeEntry): DisputeView {
  const p = d.proposal[0];
  return {
    agreementId: d.agreementId,
    period: d.period,
    seller: d.seller,
    buyer: d.buyer,
    status: d.resolved ? "resolved" : "open",
    low: d.low.toString(),
    high: d.high.toString(),
    sellerFigure: d.sellerFigure.toString(),
    buyerFigure: d.buyerFigure.toString(),
    openedAt: d.openedAt,
    openedHeight: d.openedHeight,
    windowEnd: d.windowEnd,
    windowEndUtc: utc(d.windowEnd),
    proposal: p ? { side: SIDES[p.side] ?? "seller", figure: p.figure.toString() } : null,
    figure: d.resolved ? d.figure.toString() : null,
    resolution: d.resolved ? (RESOLUTIONS[d.resolution] ?? "mutual") : null,
    resolvedHeight: d.resolved ? d.resolvedHeight : null,
    evidence: d.evidence.map((e) => ({
      side: SIDES[e.side] ?? "seller",
      record: e.line,
      leaf: toHex(e.leaf),
      index: e.index,
      height: e.height,
    })),
  };
}

export const lookupDispute = (state: StateReader, id: number, period: number) => {
  const d = readDispute(state, [id, period]);
  return d && disputeView(d);
};
