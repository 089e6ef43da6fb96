/** The market module's routes as typed functions (src/client/module-actions.ts), browser-safe. */
import { routeAction } from "../../client/module-actions.js";
import {
  getAuctionRoute,
  getBookRoute,
  getOrderRoute,
  listAuctionsRoute,
  listFillsRoute,
  listOrdersRoute,
} from "./routes.js";

/** GET /v1/market/books/:class: a voucher class's book: depth by price (`levels`), escrow, last clearing. */
export const getMarketBook = routeAction(getBookRoute);

/** GET /v1/market/books/:class/auctions: a page of a book's clearings, newest first. */
export const listMarketAuctions = routeAction(listAuctionsRoute);

/** GET /v1/market/books/:class/auctions/:height: one clearing and a page of its fills. */
export const getMarketAuction = routeAction(getAuctionRoute);

/** GET /v1/market/orders/:order: an order by id or by the hash of the transaction that placed it. */
export const getMarketOrder = routeAction(getOrderRoute);

/** GET /v1/market/orders?owner=: a page of an address's open orders. */
export const listMarketOrders = routeAction(listOrdersRoute);

/** GET /v1/market/fills?owner=: a page of an address's fills, newest first. */
export const listMarketFills = routeAction(listFillsRoute);
