/**
 * SSZ schemas of the agreements part: payloads of its kinds and its stored values (keys:
 * agreements/store.ts). Amounts are uint64 base units (bigint), periods and times Uint53.
 */
import { ByteListType, ListCompositeType, type ValueOf } from "@chainsafe/ssz";
import { MAX_PAYLOAD_BYTES } from "../../../codec/limits.js";
import { Bool, Bytes32, container, Uint8, Uint16, Uint53, Uint64 } from "../../../codec/schema.js";
import { text } from "../../../codec/text.js";
import { CarrierId } from "../schemas.js";

/** A usage record's id: 1 to 64 of A-Z a-z 0-9 . _ : - (the rating part's records and dispute evidence). */
export const RECORD_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Deck versions an agreement may have (the first included). */
export const MAX_VERSIONS = 32;
/** Evidence records each side may post in one dispute. */
export const MAX_EVIDENCE_PER_SIDE = 16;
/** Hashes in a Merkle path: 64 covers any tree a u53 count allows. */
export const MAX_PROOF_HASHES = 64;
/** An offer's inline deck: the payload limit less room for the terms. */
export const MAX_OFFER_DECK_BYTES = MAX_PAYLOAD_BYTES - 256;

/** The arbiter: an address, or none (an empty list). */
export const Arbiter = new ListCompositeType(Bytes32, 1);

/** What an agreement (or an offer) fixes besides the parties and the deck. */
export const Terms = container("SettlementTerms", {
  /** Period length, seconds (≥ params.minPeriodSeconds, ≤ 366 days). */
  periodSeconds: Uint53,
  /** Unix seconds (UTC) where period 0 starts. */
  anchor: Uint53,
  /** Tolerance of reconciliation, basis points of the seller's total (0..10,000). */
  toleranceBps: Uint16,
  /** Seconds after a period's end during which each side may commit. */
  commitDeadline: Uint53,
  arbiter: Arbiter,
  /** Seconds from a dispute's opening during which evidence is taken; then the arbiter may decide. */
  disputeWindow: Uint53,
});
export type Terms = ValueOf<typeof Terms>;

/** A deck in force from `fromPeriod` on. */
export const Version = container("SettlementDeckVersion", { fromPeriod: Uint53, deckHash: Bytes32 });
export type Version = ValueOf<typeof Version>;

export const STATUSES = ["proposed", "active", "cancelled", "terminated"] as const;
export type Status = (typeof STATUSES)[number];
export const statusCode = (s: Status) => STATUSES.indexOf(s);

/** An agreement at a/<id>: seller terminates the buyer's traffic and charges under the deck in force. */
export const AgreementEntry = container("SettlementAgreement", {
  id: Uint53,
  seller: CarrierId,
  buyer: CarrierId,
  terms: Terms,
  /** Deck versions by first period, increasing; the first from period 0. */
  versions: new ListCompositeType(Version, MAX_VERSIONS),
  /** A new version the seller proposed, waiting for the buyer (at most one). */
  pending: new ListCompositeType(Version, 1),
  status: Uint8,
  /** The offer it was made from (0: proposed and accepted). */
  offerId: Uint53,
  proposedAt: Uint53,
  /** Height of the acceptance (0 while proposed). */
  acceptedAt: Uint53,
  /** Once terminated: the first period it no longer covers. */
  endPeriod: Uint53,
});
export type AgreementEntry = ValueOf<typeof AgreementEntry>;

/** An open offer at o/<id>: a public deck and terms any other carrier may accept. */
export const OfferEntry = container("SettlementOffer", {
  id: Uint53,
  seller: CarrierId,
  deck: new ByteListType(MAX_OFFER_DECK_BYTES),
  deckHash: Bytes32,
  terms: Terms,
  publishedAt: Uint53,
});
export type OfferEntry = ValueOf<typeof OfferEntry>;

/** What a side commits for a period: its records' Merkle root and count, its totals, its charge. */
const COMMITTED = {
  root: Bytes32,
  count: Uint53,
  voice: Uint64,
  sms: Uint64,
  data: Uint64,
  charge: Uint64,
};

/** One side's commitment for a period. */
export const CommitmentEntry = container("SettlementCommitment", {
  ...COMMITTED,
  height: Uint53,
  timestamp: Uint53,
});
export type CommitmentEntry = ValueOf<typeof CommitmentEntry>;

/** How a period was settled. */
export const OUTCOMES = ["agreed", "disputed", "deadline"] as const;
export type OutcomeKind = (typeof OUTCOMES)[number];

/** A period's settlement: what was agreed (an obligation in `cycle`) and what went to a dispute. */
export const OutcomeEntry = container("SettlementOutcome", {
  kind: Uint8,
  agreed: Uint64,
  disputed: Uint64,
  height: Uint53,
  cycle: Uint53,
});
export type OutcomeEntry = ValueOf<typeof OutcomeEntry>;

export const SIDES = ["seller", "buyer"] as const;
export type Side = (typeof SIDES)[number];

export const RESOLUTIONS = ["seller-conceded", "buyer-conceded", "mutual", "arbiter"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const Proposal = container("SettlementFigureProposal", { side: Uint8, figure: Uint64 });

/** The canonical line of a record (rating/record.ts canonicalLine): at most 64+5+20+20+16+16+5 bytes. */
const CanonicalLine = text({
  maxBytes: 160,
  describe: "a canonical usage record line",
  code: "SETTLEMENT_BAD_RECORD",
});

/** A record a side proved to be in its own commitment. */
export const Evidence = container("SettlementEvidence", {
  side: Uint8,
  leaf: Bytes32,
  line: CanonicalLine,
  index: Uint53,
  height: Uint53,
});
export type Evidence = ValueOf<typeof Evidence>;

/** A dispute at d/<agreement>/<period>: [low, high] is withheld until a figure in it is final. */
export const DisputeEntry = container("SettlementDispute", {
  agreementId: Uint53,
  period: Uint53,
  seller: CarrierId,
  buyer: CarrierId,
  low: Uint64,
  high: Uint64,
  sellerFigure: Uint64,
  buyerFigure: Uint64,
  openedAt: Uint53,
  openedHeight: Uint53,
  windowEnd: Uint53,
  proposal: new ListCompositeType(Proposal, 1),
  evidence: new ListCompositeType(Evidence, 2 * MAX_EVIDENCE_PER_SIDE),
  resolved: Bool,
  figure: Uint64,
  resolution: Uint8,
  resolvedHeight: Uint53,
});
export type DisputeEntry = ValueOf<typeof DisputeEntry>;

/** An entry of the deadline queue: a period one side committed, to settle once its deadline passed. */
export const DeadlineEntry = container("SettlementDeadline", {
  deadline: Uint53,
  agreementId: Uint53,
  period: Uint53,
});
export type DeadlineEntry = ValueOf<typeof DeadlineEntry>;

/** What a transaction can create (n/x/<tx hash>, module/store.ts createdByTx): so a client finds the id it got. */
export const CREATED = ["agreement", "offer"] as const;

// ---------------------------------------------------------------- payloads

export const ProposePayload = container("SettlementAgreementPropose", {
  seller: CarrierId,
  buyer: CarrierId,
  deckHash: Bytes32,
  terms: Terms,
});
/** agreement-accept: the buyer names the deck hash it holds. */
export const AcceptPayload = container("SettlementAgreementAccept", {
  agreementId: Uint53,
  deckHash: Bytes32,
});
/** agreement-version (seller) and agreement-version-accept (buyer): the same fields. */
export const VersionPayload = container("SettlementAgreementVersion", {
  agreementId: Uint53,
  deckHash: Bytes32,
  fromPeriod: Uint53,
});
export const AgreementIdPayload = container("SettlementAgreementId", { agreementId: Uint53 });

export const PublishPayload = container("SettlementOfferPublish", {
  deck: new ByteListType(MAX_OFFER_DECK_BYTES),
  terms: Terms,
});
export const OfferIdPayload = container("SettlementOfferId", { offerId: Uint53 });

export const CommitPayload = container("SettlementUsageCommit", {
  agreementId: Uint53,
  period: Uint53,
  ...COMMITTED,
});

export const PeriodPayload = container("SettlementPeriod", { agreementId: Uint53, period: Uint53 });
/** dispute-propose, dispute-accept and dispute-decide: a figure for the period. */
export const FigurePayload = container("SettlementFigure", {
  agreementId: Uint53,
  period: Uint53,
  figure: Uint64,
});

const RecordText = (name: string, maxBytes: number, pattern: RegExp, describe: string) =>
  text({ name, maxBytes, pattern, describe, code: "SETTLEMENT_BAD_RECORD" });

/** A usage record's fields (rating/record.ts UsageRecord), as evidence carries them. */
export const RecordFields = container("SettlementRecord", {
  recordId: RecordText("record id", 64, RECORD_ID, "1 to 64 of A-Z a-z 0-9 . _ : -"),
  service: RecordText("service", 5, /^(?:voice|sms|data)$/, "voice, sms or data"),
  start: Uint53,
  quantity: Uint64,
  calling: RecordText("calling number", 16, /^\+[0-9]{2,15}$/, "E.164 with +"),
  called: RecordText("called number", 16, /^\+[0-9]{2,15}$/, "E.164 with +"),
});

export const EvidencePayload = container("SettlementDisputeEvidence", {
  agreementId: Uint53,
  period: Uint53,
  record: RecordFields,
  index: Uint53,
  path: new ListCompositeType(Bytes32, MAX_PROOF_HASHES),
});
