/**
 * The routes of the agreements part, all under /v1/settlement/:
 *   GET agreements/:id                          an agreement           (`settlement agreement show`)
 *   GET agreements?carrier=                     a carrier's agreements (`settlement agreement list`)
 *   GET agreements/:id/periods/:period          a period: commitments and outcome (`settlement usage show`)
 *   GET agreements/:id/periods/:period/dispute  its dispute, with evidence (`settlement dispute show`)
 *   GET offers, offers/:id                      open offers (`settlement offer list|show`)
 *   GET disputes?carrier=                       a carrier's disputes   (`settlement dispute list`)
 *   GET created/:tx                             the agreement or offer a transaction created
 * The lookups and lists are declared with the kit; their commands go under `telchain settlement`
 * (cli.ts), so they are registered here and there rather than as Module.lookups/lists.
 */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { defineCreatedRoute } from "../../../api/created-route.js";
import { registerListRoute } from "../../../api/list-route.js";
import { registerLookupRoute } from "../../../api/lookup-route.js";
import { defineRoute, registerRoute } from "../../../api/route.js";
import { TelchainError } from "../../../errors.js";
import {
  idParser,
  carrierFilter as kitCarrierFilter,
  idParam as kitIdParam,
  parseWhole,
} from "../../../module/ids.js";
import type { QueryContext } from "../../../module/interface.js";
import { defineList } from "../../../module/list.js";
import { defineLookup } from "../../../module/lookup.js";
import { CarrierId } from "../schemas.js";
import { agreementLine, disputeLine, formatAgreement, formatOffer, offerLine } from "./format.js";
import { CREATED, OfferEntry } from "./schemas.js";
import {
  agreementsByCarrier,
  disputesByCarrier,
  OFFER_PREFIX,
  parseDisputeKey,
  readAgreement,
  readCreated,
} from "./store.js";
import {
  AgreementSchema,
  DisputeSchema,
  lookupAgreement,
  lookupDispute,
  lookupOffer,
  OfferSchema,
  OfferSummarySchema,
  offerSummary,
  PeriodSchema,
  periodView,
} from "./views.js";

const TAG = "settlement";

/** An agreement or offer id: 1 to 2^53 − 1 (SETTLEMENT_BAD_ID). */
export const parseId = idParser("SETTLEMENT_BAD_ID");

/** A period number: 0 to 2^53 − 1 (SETTLEMENT_BAD_PERIOD). */
export const parsePeriod = (raw: string): number =>
  parseWhole(raw, 0, "SETTLEMENT_BAD_PERIOD", (got) => `a period is a whole number from 0; got ${got}`);

const idParam = (what: string) => kitIdParam(parseId, what);
/** ?carrier=ID over an index of carrier ids (SETTLEMENT_BAD_CARRIER for a malformed one). */
const carrierFilter = (index: { prefix(id: string): Uint8Array }) =>
  kitCarrierFilter("a carrier is party to", (id) => CarrierId.check(id), index);

export const agreementLookup = defineLookup({
  path: "/v1/settlement/agreements/:id",
  operationId: "getSettlementAgreement",
  summary: "An agreement between two carriers",
  description:
    "Seller, buyer, status, the deck hash in force and its versions, the terms (period, anchor, tolerance, " +
    "commit deadline, arbiter, dispute window) and the current period at the head. 400 SETTLEMENT_BAD_ID, " +
    "404 NOT_FOUND.",
  param: idParam("agreement"),
  schema: AgreementSchema,
  get: (q, id) => lookupAgreement(q, Number(id)),
  notFound: (id) => `no agreement ${id}`,
  command: "agreement",
  about: "an agreement: parties, status, deck hash, terms",
  format: formatAgreement,
});

export const agreementsList = defineList({
  path: "/v1/settlement/agreements",
  operationId: "listSettlementAgreements",
  summary: "The agreements of a carrier",
  noun: "agreements",
  order: "id order",
  about: "As seller or buyer, in any status. 400 SETTLEMENT_BAD_CARRIER for a malformed carrier id.",
  command: "agreement",
  filters: { carrier: carrierFilter(agreementsByCarrier) },
  schema: AgreementSchema,
  item: (q, id) => lookupAgreement(q, Number(id)),
  line: agreementLine,
});

export const offerLookup = defineLookup({
  path: "/v1/settlement/offers/:id",
  operationId: "getSettlementOffer",
  summary: "An open offer, with its deck",
  description:
    "The publisher, the deck (CSV) and its hash, and the terms. 400 SETTLEMENT_BAD_ID, 404 NOT_FOUND.",
  param: idParam("offer"),
  schema: OfferSchema,
  get: (q, id) => lookupOffer(q.state(), Number(id)),
  notFound: (id) => `no open offer ${id}`,
  command: "offer",
  about: "an open offer: publisher, terms and the deck itself",
  format: formatOffer,
});

export const offersList = defineList({
  path: "/v1/settlement/offers",
  operationId: "listSettlementOffers",
  summary: "Open offers",
  noun: "open offers",
  order: "id order",
  about: "Without their decks (GET /v1/settlement/offers/:id has it).",
  command: "offer",
  prefix: OFFER_PREFIX,
  schema: OfferSummarySchema,
  item: (_q, _id, value) => offerSummary(OfferEntry.deserialize(value)),
  line: offerLine,
});

export const disputesList = defineList({
  path: "/v1/settlement/disputes",
  operationId: "listSettlementDisputes",
  summary: "The disputes of a carrier",
  noun: "disputes",
  order: "agreement and period order",
  about: "Open and resolved. 400 SETTLEMENT_BAD_CARRIER for a malformed carrier id.",
  command: "dispute",
  filters: { carrier: carrierFilter(disputesByCarrier) },
  schema: DisputeSchema,
  item(q, tail) {
    const key = parseDisputeKey(tail);
    return key && lookupDispute(q.state(), ...key);
  },
  line: disputeLine,
});

export const agreementLookups = [agreementLookup, offerLookup];
export const agreementLists = [agreementsList, offersList, disputesList];

const PeriodParams = Type.Object({
  id: Type.String({ maxLength: 16, description: "the agreement id" }),
  period: Type.String({ maxLength: 16, description: "the period number (0, 1, …)" }),
});

export const getPeriodRoute = defineRoute({
  method: "GET",
  url: "/v1/settlement/agreements/:id/periods/:period",
  operationId: "getSettlementPeriod",
  summary: "A period of an agreement: commitments and outcome",
  description:
    "The period's times and commit deadline, the deck in force, each side's commitment (root, count, totals, " +
    "charge) or null, and how it was settled (agreed, disputed, or at the deadline) or null. 400 " +
    "SETTLEMENT_BAD_ID or SETTLEMENT_BAD_PERIOD, 404 SETTLEMENT_NO_AGREEMENT.",
  tags: [TAG],
  params: PeriodParams,
  response: PeriodSchema,
});

export const getDisputeRoute = defineRoute({
  method: "GET",
  url: "/v1/settlement/agreements/:id/periods/:period/dispute",
  operationId: "getSettlementDispute",
  summary: "The dispute of a period, with its evidence",
  description:
    "The disputed range, both figures, the window, an open proposal, the resolution, and the evidence " +
    "records posted. 400 SETTLEMENT_BAD_ID or SETTLEMENT_BAD_PERIOD, 404 SETTLEMENT_NO_AGREEMENT or " +
    "SETTLEMENT_NO_DISPUTE.",
  tags: [TAG],
  params: PeriodParams,
  response: DisputeSchema,
});

export const getCreated = defineCreatedRoute({
  url: "/v1/settlement/created/:tx",
  operationId: "getSettlementCreated",
  description:
    "The agreement (agreement-propose, offer-accept) or offer (offer-publish) an included transaction created. " +
    "400 BAD_REQUEST for a malformed hash, 404 NOT_FOUND when it created none.",
  tag: TAG,
  created: CREATED,
  nouns: "agreement or offer",
});

function agreementOr404(q: QueryContext, raw: string) {
  const id = parseId(raw, "the agreement id");
  const a = readAgreement(q.state(), id);
  if (!a) throw new TelchainError("SETTLEMENT_NO_AGREEMENT", `no agreement ${id}`);
  return a;
}

export function agreementRoutes(app: FastifyInstance, q: QueryContext): void {
  for (const lookup of agreementLookups) registerLookupRoute(app, q, TAG, lookup);
  for (const list of agreementLists) registerListRoute(app, q, TAG, list);
  registerRoute(app, getPeriodRoute, async ({ params }) =>
    periodView(q.state(), agreementOr404(q, params.id), parsePeriod(params.period)),
  );
  registerRoute(app, getDisputeRoute, async ({ params }) => {
    const a = agreementOr404(q, params.id);
    const period = parsePeriod(params.period);
    const d = lookupDispute(q.state(), a.id, period);
    if (!d)
      throw new TelchainError("SETTLEMENT_NO_DISPUTE", `agreement ${a.id} period ${period} has no dispute`);
    return d;
  });
  getCreated.register(app, (tx) => readCreated(q.state(), tx));
}
