/** The services module's routes as typed functions (src/client/module-actions.ts), browser-safe. */
import { listAction, lookupAction, routeAction } from "../../client/module-actions.js";
import { getCreated, listingLookup, paramsRoute, providerList, searchRoute, TAG } from "./routes.js";

/** GET /v1/services/:id: a listing, live or lapsed, with its endpoint, bond and rating. */
export const getServiceListing = lookupAction(listingLookup, TAG);

/** GET /v1/services/listings?provider=: a page of a provider's listings, in id order. */
export const listServiceListings = listAction(providerList, TAG);

/** GET /v1/services: live listings, cheapest first (kind, region, maxPrice and limit optional). */
export const searchServices = routeAction(searchRoute);

/** GET /v1/services/params: the service market's parameters in force. */
export const getServicesParams = routeAction(paramsRoute);

/** GET /v1/services/created/:tx: the listing an included `list` transaction created. */
export const getServicesCreated = routeAction(getCreated.route);
