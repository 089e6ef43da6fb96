/**
 * The routes of the services module:
 *   GET /v1/services?kind=&region=&maxPrice=&limit=   live listings, cheapest first (`telchain services`)
 *   GET /v1/services/:id                              a listing, live or lapsed (`service show`)
 *   GET /v1/services/listings?provider=               a provider's listings (`service list`)
 *   GET /v1/services/created/:tx                      the listing a transaction created
 */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { defineCreatedRoute } from "../../api/created-route.js";
import { defineRoute, registerRoute } from "../../api/route.js";
import { idParam, idParser } from "../../module/ids.js";
import type { QueryContext } from "../../module/interface.js";
import { defineList } from "../../module/list.js";
import { defineLookup } from "../../module/lookup.js";
import { formatListing, listingLine } from "./format.js";
import { paramsOf } from "./params.js";
import { CREATED } from "./schemas.js";
import { MAX_SEARCH_LIMIT, parseSearch, SEARCH_SCAN, searchListings } from "./search.js";
import { byProvider, readCreated, readListing } from "./store.js";
import { ListingSchema, listingView } from "./views.js";

export const TAG = "services";

/** A listing id: 1 to 2^53 − 1 (SERVICES_BAD_ID). */
export const parseId = idParser("SERVICES_BAD_ID");

const listingAt = (q: QueryContext, id: number) => {
  const l = readListing(q.state(), id);
  return l && listingView(l, paramsOf(q.state()), q.height());
};

export const listingLookup = defineLookup({
  path: "/v1/services/:id",
  operationId: "getServiceListing",
  summary: "A service listing",
  description:
    "Provider, kind, region, price per unit, endpoint, bond, the last heartbeat and whether the listing is live " +
    "at the head (lapsed ones too, with live: false), the height its bond can be withdrawn from, and its " +
    "rating. 400 SERVICES_BAD_ID, 404 NOT_FOUND (never listed, or withdrawn).",
  param: idParam(parseId, "listing"),
  schema: ListingSchema,
  get: (q, id) => listingAt(q, Number(id)),
  notFound: (id) => `no listing ${id} (never made, or withdrawn)`,
  command: "service",
  about: "a listing: service, price, endpoint, liveness, bond and rating",
  format: formatListing,
});

export const providerList = defineList({
  path: "/v1/services/listings",
  operationId: "listServiceListings",
  summary: "The listings of a provider",
  noun: "listings",
  order: "id order",
  about: "Live and lapsed ones, until withdrawn.",
  command: "service",
  filters: { provider: { help: "that an address offers", address: byProvider.prefix } },
  schema: ListingSchema,
  item: (q, id) => listingAt(q, Number(id)),
  line: listingLine,
});

const Filter = (maxLength: number, description: string) =>
  Type.Optional(Type.String({ maxLength, description }));

export const searchRoute = defineRoute({
  method: "GET",
  url: "/v1/services",
  operationId: "searchServices",
  summary: "Live service listings, cheapest first",
  description:
    "Live listings (head ≤ last heartbeat + heartbeatPeriod), optionally of one kind, one region and at most a " +
    "price, sorted by price ascending, then average rating descending (unrated last), then id; at most `limit` " +
    `(default 20, at most ${MAX_SEARCH_LIMIT}). Bounded: at most ${SEARCH_SCAN} index entries per kind scanned, ` +
    "in price order; `truncated` says the bound was hit. 400 SERVICES_BAD_KIND, SERVICES_BAD_REGION, " +
    "SERVICES_BAD_PRICE, SERVICES_BAD_LIMIT.",
  tags: [TAG],
  querystring: Type.Object({
    kind: Filter(16, "vpn, hotspot or roaming-data"),
    region: Filter(8, "an ISO 3166-1 alpha-2 code (DE)"),
    maxPrice: Filter(24, "the highest price per unit (base units, decimal)"),
    limit: Filter(8, `listings at most, 1 to ${MAX_SEARCH_LIMIT} (default 20)`),
  }),
  response: Type.Object({
    items: Type.Array(ListingSchema),
    truncated: Type.Boolean({
      description: "a scan hit its bound: cheaper-first listings past it are not seen",
    }),
  }),
});

export const getCreated = defineCreatedRoute({
  url: "/v1/services/created/:tx",
  operationId: "getServicesCreated",
  description:
    "The listing an included `list` transaction created. 400 BAD_REQUEST for a malformed hash, 404 NOT_FOUND.",
  tag: TAG,
  created: CREATED,
  nouns: "listing",
});

export function servicesRoutes(app: FastifyInstance, q: QueryContext): void {
  registerRoute(app, searchRoute, async ({ query }) => searchListings(q, parseSearch(query)));
  getCreated.register(app, (tx) => readCreated(q.state(), tx));
}
