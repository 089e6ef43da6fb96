/**
 * The routes of the vouchers module, all under /v1/vouchers/:
 *   GET classes/:id                    a class                          (`voucher class show`)
 *   GET classes?issuer=                an issuer's classes              (`voucher class list`)
 *   GET classes/:id/balances/:address  one balance                      (`voucher balance ADDR --class`)
 *   GET balances?holder=               an address's balances, paged     (`voucher balance ADDR`)
 *   GET offers/:id                     an offer                         (`voucher offer show`)
 *   GET offers?class=|issuer=|publisher=  offers                        (`voucher offer list`)
 *   GET created/:tx                    the class or offer a transaction created
 *   GET redemptions?issuer=&after=     the redemption feed, and redemptions/stream (feed.ts)
 * The lookups and lists are declared with the kit; their commands go under `telchain voucher`
 * (cli.ts), so they are registered here and there rather than as Module.lookups/lists.
 */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { defineCreatedRoute } from "../../api/created-route.js";
import { registerListRoute } from "../../api/list-route.js";
import { registerLookupRoute } from "../../api/lookup-route.js";
import { PageQueryFields, PageSchema, readPage } from "../../api/paging.js";
import { defineRoute, registerRoute } from "../../api/route.js";
import { MAX_ADDRESS_LENGTH } from "../../api/schemas.js";
import { decodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import { idParser, carrierFilter as kitCarrierFilter, idParam as kitIdParam } from "../../module/ids.js";
import type { QueryContext } from "../../module/interface.js";
import { defineList } from "../../module/list.js";
import { defineLookup } from "../../module/lookup.js";
import { pad16 } from "../../module/store.js";
import { feedRoutes } from "./feed.js";
import { classLine, formatClass, formatOffer, offerLine } from "./format.js";
import { CarrierId, CREATED } from "./schemas.js";
import {
  balancesByHolder,
  classesByIssuer,
  offersByClass,
  offersByIssuer,
  offersByPublisher,
  readBalanceEntry,
  readClass,
  readCreated,
  readOffer,
} from "./store.js";
import { BalanceSchema, balanceView, ClassSchema, classView, OfferSchema, offerView } from "./views.js";

export const TAG = "vouchers";

/** A class or offer id: 1 to 2^53 − 1 (VOUCHERS_BAD_ID). */
export const parseId = idParser("VOUCHERS_BAD_ID");
const idParam = (what: string) => kitIdParam(parseId, what);
const carrierFilter = (help: string, index: { prefix(id: string): Uint8Array }) =>
  kitCarrierFilter(help, (id) => CarrierId.check(id), index);

/** A class or an offer as the routes show it, at the head (undefined: none). */
const classAt = (q: QueryContext, id: number) => {
  const c = readClass(q.state(), id);
  return c && classView(c, q.height());
};
const offerAt = (q: QueryContext, id: number) => {
  const o = readOffer(q.state(), id);
  return o && offerView(q.state(), o, q.height());
};

export const classLookup = defineLookup({
  path: "/v1/vouchers/classes/:id",
  operationId: "getVoucherClass",
  summary: "A voucher class",
  description:
    "Issuer, unit, name and description, expiry and status (live, expired, pruned), transferable, the cap, and " +
    "the counts: issued, redeemed, pruned, in custody (escrowed by another module) and the supply (issued − " +
    "redeemed − pruned = the holders' balances + custody). 400 VOUCHERS_BAD_ID, 404 NOT_FOUND.",
  param: idParam("class"),
  schema: ClassSchema,
  get: (q, id) => classAt(q, Number(id)),
  notFound: (id) => `no voucher class ${id}`,
  command: "class",
  about: "a class: issuer, unit, expiry, cap, supply",
  format: formatClass,
});

export const classesList = defineList({
  path: "/v1/vouchers/classes",
  operationId: "listVoucherClasses",
  summary: "The voucher classes of an issuer",
  noun: "classes",
  order: "id order",
  about: "Live, expired and pruned. 400 VOUCHERS_BAD_CARRIER for a malformed carrier id.",
  command: "class",
  filters: { issuer: carrierFilter("that a carrier issues", classesByIssuer) },
  schema: ClassSchema,
  item: (q, id) => classAt(q, Number(id)),
  line: classLine,
});

export const offerLookup = defineLookup({
  path: "/v1/vouchers/offers/:id",
  operationId: "getVoucherOffer",
  summary: "A direct offer of vouchers",
  description:
    "The class, units and price per purchase, the publisher with its fee and payout address, how one " +
    "purchase's price splits, the stock and the end height, and its status (open, sold-out, ended). " +
    "400 VOUCHERS_BAD_ID, 404 NOT_FOUND (never published, or pruned after its end).",
  param: idParam("offer"),
  schema: OfferSchema,
  get: (q, id) => offerAt(q, Number(id)),
  notFound: (id) => `no offer ${id} (never published, or pruned after its end)`,
  command: "offer",
  about: "an offer: class, units, price, publisher and split, stock, end",
  format: formatOffer,
});

export const offersList = defineList({
  path: "/v1/vouchers/offers",
  operationId: "listVoucherOffers",
  summary: "Direct offers of vouchers",
  noun: "offers",
  order: "id order",
  about:
    "Open, sold out and ended ones until they are pruned after their end. 400 VOUCHERS_BAD_ID or " +
    "VOUCHERS_BAD_CARRIER for a malformed filter.",
  command: "offer",
  filters: {
    class: {
      help: "of a class",
      text: (id: string) => offersByClass.prefix(pad16(parseId(id, "class"))),
      maxLength: 16,
    },
    issuer: carrierFilter("that a carrier issues", offersByIssuer),
    publisher: carrierFilter("that a carrier publishes", offersByPublisher),
  },
  schema: OfferSchema,
  item: (q, tail) => offerAt(q, Number(tail.slice(-16))),
  line: offerLine,
});

export const vouchersLookups = [classLookup, offerLookup];
export const vouchersLists = [classesList, offersList];

export const getBalanceRoute = defineRoute({
  method: "GET",
  url: "/v1/vouchers/classes/:id/balances/:address",
  operationId: "getVoucherBalance",
  summary: "An address's balance of a class",
  description:
    'The units the address holds of the class ("0" when none, and once the class has expired). 400 ' +
    "VOUCHERS_BAD_ID or ADDRESS_INVALID, 404 VOUCHERS_NO_CLASS.",
  tags: [TAG],
  params: Type.Object({
    id: Type.String({ maxLength: 16, description: "the class id" }),
    address: Type.String({ maxLength: MAX_ADDRESS_LENGTH, description: "a tel1… address" }),
  }),
  response: BalanceSchema,
});

export const listBalancesRoute = defineRoute({
  method: "GET",
  url: "/v1/vouchers/balances",
  operationId: "listVoucherBalances",
  summary: "The voucher balances of an address",
  description:
    "The balances of an address (?holder=), in class order: a page of `limit` balances and the `next` cursor " +
    '(null at the end). One per class it holds units of; an expired class\'s reads "0" until it is pruned. ' +
    "400 ADDRESS_INVALID for a malformed address, BAD_CURSOR for a cursor no page gave.",
  tags: [TAG],
  querystring: Type.Object({
    holder: Type.String({ maxLength: MAX_ADDRESS_LENGTH, description: "a tel1… address" }),
    ...PageQueryFields,
  }),
  response: PageSchema(BalanceSchema, "a page of balances, in class order"),
});

export const getCreated = defineCreatedRoute({
  url: "/v1/vouchers/created/:tx",
  operationId: "getVouchersCreated",
  description:
    "The class (class-create) or offer (offer-publish) an included transaction created. 400 BAD_REQUEST for " +
    "a malformed hash, 404 NOT_FOUND when it created none.",
  tag: TAG,
  created: CREATED,
  nouns: "class or offer",
});

export function vouchersRoutes(app: FastifyInstance, q: QueryContext): void {
  for (const lookup of vouchersLookups) registerLookupRoute(app, q, TAG, lookup);
  for (const list of vouchersLists) registerListRoute(app, q, TAG, list);
  registerRoute(app, listBalancesRoute, async ({ query }) => {
    const holder = decodeAddress(query.holder);
    return readPage(q, balancesByHolder.prefix(holder), query, (rest) => {
      const id = Number(new TextDecoder().decode(rest));
      const c = readClass(q.state(), id);
      const b = readBalanceEntry(q.state(), id, holder);
      return c && b && balanceView(c, holder, b.amount, q.height());
    });
  });
  registerRoute(app, getBalanceRoute, async ({ params }) => {
    const id = parseId(params.id, "the class id");
    const holder = decodeAddress(params.address);
    const c = readClass(q.state(), id);
    if (!c) throw new TelchainError("VOUCHERS_NO_CLASS", `no voucher class ${id}`);
    return balanceView(c, holder, readBalanceEntry(q.state(), id, holder)?.amount ?? 0n, q.height());
  });
  getCreated.register(app, (tx) => readCreated(q.state(), tx));
  feedRoutes(app, q);
}
