/**
 * State of the agreements part (keys relative to m/settlement/; the list is in ../store.ts).
 * Ids and periods in keys are 16-digit zero-padded decimals, so keys sort by number and a
 * list's key tail reads as text.
 */
import { utf8 } from "../../../bytes.js";
import { Uint53 } from "../../../codec/schema.js";
import { createdByTx, entries, indexed, indexOn, pad16 } from "../../../module/store.js";
import type { StateView } from "../../../state/view.js";
import {
  AgreementEntry,
  CommitmentEntry,
  CREATED,
  DisputeEntry,
  OfferEntry,
  OutcomeEntry,
  type Side,
} from "./schemas.js";

const periodKey = (id: number, period: number) => `${pad16(id)}/${pad16(period)}`;

/** The agreements a carrier is party to (seller or buyer): a/c/<carrier>/<id>. */
export const agreementsByCarrier = indexOn("a/c/");
const agreements = indexed(
  entries(AgreementEntry, (id: number) => utf8(`a/${pad16(id)}`)),
  (id, a) => [agreementsByCarrier.key(a.seller, pad16(id)), agreementsByCarrier.key(a.buyer, pad16(id))],
);
export const { get: readAgreement, set: writeAgreement, key: agreementKey } = agreements;

/** Open offers, listed by scanning o/. */
export const OFFER_PREFIX = utf8("o/");
const offers = entries(OfferEntry, (id: number) => utf8(`o/${pad16(id)}`));
export const { get: readOffer, set: writeOffer, delete: deleteOffer, key: offerKey } = offers;

const commitments = entries(CommitmentEntry, ([id, period, side]: [number, number, Side]) =>
  utf8(`k/${periodKey(id, period)}/${side === "seller" ? "s" : "b"}`),
);
export const { get: readCommitment, set: writeCommitment } = commitments;
const outcomes = entries(OutcomeEntry, ([id, period]: [number, number]) =>
  utf8(`k/${periodKey(id, period)}/r`),
);
export const { get: readOutcome, set: writeOutcome } = outcomes;

/** The disputes a carrier is party to: d/c/<carrier>/<id>/<period>. */
export const disputesByCarrier = indexOn("d/c/");
const disputes = indexed(
  entries(DisputeEntry, ([id, period]: [number, number]) => utf8(`d/${periodKey(id, period)}`)),
  ([id, period], d) => [
    disputesByCarrier.key(d.seller, periodKey(id, period)),
    disputesByCarrier.key(d.buyer, periodKey(id, period)),
  ],
);
export const { get: readDispute, set: writeDispute } = disputes;

/** "<id>/<period>" of a dispute index key's tail. */
export function parseDisputeKey(tail: string): [number, number] | undefined {
  const m = /^([0-9]{16})\/([0-9]{16})$/.exec(tail);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

const counters = entries(Uint53, (what: "a" | "o") => utf8(`n/${what}`));

/** The next id of an agreement or an offer (1, 2, 3, …), counted. */
export function nextId(state: StateView, what: "agreement" | "offer"): number {
  const key = what === "agreement" ? "a" : "o";
  const id = (counters.get(state, key) ?? 0) + 1;
  counters.set(state, key, id);
  return id;
}

const created = createdByTx(CREATED);

/** Records that transaction `tx` created an agreement or an offer. */
export const recordCreated = created.record;

/** What transaction `tx` created, if anything. */
export const readCreated = created.read;
