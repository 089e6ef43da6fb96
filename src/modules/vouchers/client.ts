/**
 * The vouchers module's routes as typed functions (src/client/module-actions.ts), browser-safe.
 * The redemption stream (GET /v1/vouchers/redemptions/stream) is server-sent events, not JSON: read
 * it with an EventSource; listVoucherRedemptions pages the same feed.
 */
import { listAction, lookupAction, routeAction } from "../../client/module-actions.js";
import { listRedemptionsRoute } from "./feed.js";
import {
  classesList,
  classLookup,
  getBalanceRoute,
  getCreated,
  listBalancesRoute,
  offerLookup,
  offersList,
  TAG,
} from "./routes.js";

/** GET /v1/vouchers/classes/:id: a class: issuer, unit, expiry, status, cap and supply counts. */
export const getVoucherClass = lookupAction(classLookup, TAG);

/** GET /v1/vouchers/classes?issuer=: a page of the classes a carrier issues. */
export const listVoucherClasses = listAction(classesList, TAG);

/** GET /v1/vouchers/offers/:id: a direct offer: class, units, price and split, stock, end, status. */
export const getVoucherOffer = lookupAction(offerLookup, TAG);

/** GET /v1/vouchers/offers?class=|issuer=|publisher=: a page of direct offers (give one filter). */
export const listVoucherOffers = listAction(offersList, TAG);

/** GET /v1/vouchers/classes/:id/balances/:address: the units an address holds of a class. */
export const getVoucherBalance = routeAction(getBalanceRoute);

/** GET /v1/vouchers/balances?holder=: a page of an address's balances, in class order. */
export const listVoucherBalances = routeAction(listBalancesRoute);

/** GET /v1/vouchers/redemptions: a page of the redemption feed. */
export const listVoucherRedemptions = routeAction(listRedemptionsRoute);

/** GET /v1/vouchers/created/:tx: the class or offer an included transaction created. */
export const getVouchersCreated = routeAction(getCreated.route);
