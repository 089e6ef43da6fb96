/**
 * The market's routes: a book's depth, its clearings (each with its fills), one order (by id or
 * by the transaction that placed it), an address's open orders and its fills. Ids are checked
 * by the same parsers as the CLI's.
 */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { PageQueryFields, PageSchema, readPage } from "../../api/paging.js";
import { defineRoute, registerRoute } from "../../api/route.js";
import { MAX_ADDRESS_LENGTH } from "../../api/schemas.js";
import { fromHex } from "../../bytes.js";
import { decodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { QueryContext } from "../../module/interface.js";
import { parseClass, parseHeight, parseOrderRef } from "./ids.js";
import { FillEntry } from "./schemas.js";
import {
  auctionsPrefix,
  fillOfOwnerKey,
  fillsPrefix,
  heightOfNewestFirst,
  orderOfTx,
  ownerFillsPrefix,
  ownerOrdersPrefix,
  readAuction,
  readFill,
  readOrder,
  readU64,
} from "./store.js";
import {
  AuctionDetailSchema,
  AuctionSchema,
  auctionView,
  BookSchema,
  bookView,
  FillSchema,
  fillView,
  OrderSchema,
  orderView,
} from "./views.js";

const TAGS = ["market"];
const ClassParam = Type.String({ maxLength: 40, description: "voucher class id" });
const HeightParam = Type.String({ maxLength: 40, description: "block height" });
const OwnerQuery = Type.String({ maxLength: MAX_ADDRESS_LENGTH, description: "a tel1… address" });

export const getBookRoute = defineRoute({
  method: "GET",
  url: "/v1/market/books/:class",
  operationId: "getMarketBook",
  summary: "A voucher class's order book: depth, escrow, last clearing",
  description:
    "The book of a voucher class at the head: its buy and sell orders aggregated by price (best first, " +
    "?levels, default 20), the escrow it holds, whether it trades, and its last clearing. A class with no " +
    "orders yet answers an empty book. 400 MARKET_BAD_CLASS; 404 MARKET_UNKNOWN_CLASS for a class that " +
    "does not exist and has no book.",
  tags: TAGS,
  params: Type.Object({ class: ClassParam }),
  querystring: Type.Object({
    levels: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, default: 20, description: "price levels per side" }),
    ),
  }),
  response: BookSchema,
});

export const listAuctionsRoute = defineRoute({
  method: "GET",
  url: "/v1/market/books/:class/auctions",
  operationId: "listMarketAuctions",
  summary: "A book's clearings, newest first",
  description:
    "Every clearing of a voucher class's book, newest first: height, price, volume, value, demand and " +
    "supply at the price, orders filled. Paged (?limit, ?cursor). 400 MARKET_BAD_CLASS, BAD_CURSOR.",
  tags: TAGS,
  params: Type.Object({ class: ClassParam }),
  querystring: Type.Object(PageQueryFields),
  response: PageSchema(AuctionSchema, "a page of clearings, newest first"),
});

export const getAuctionRoute = defineRoute({
  method: "GET",
  url: "/v1/market/books/:class/auctions/:height",
  operationId: "getMarketAuction",
  summary: "One clearing: price, volume and every fill",
  description:
    "The clearing of a voucher class's book at a height: price, volume, demand and supply at the price, " +
    "and a page of its fills in order id order (?limit, ?cursor), each with the order, its side and owner, " +
    "the quantity, the amount paid or received and a buy's refund. 400 MARKET_BAD_CLASS, " +
    "MARKET_BAD_HEIGHT, BAD_CURSOR; 404 MARKET_NO_AUCTION when the book did not clear at that height.",
  tags: TAGS,
  params: Type.Object({ class: ClassParam, height: HeightParam }),
  querystring: Type.Object(PageQueryFields),
  response: AuctionDetailSchema,
});

export const getOrderRoute = defineRoute({
  method: "GET",
  url: "/v1/market/orders/:order",
  operationId: "getMarketOrder",
  summary: "One order, by id or by the transaction that placed it",
  description:
    "An order, open or closed: side, class, price, quantity, filled and remaining units, status, what it " +
    "holds in escrow, the coins paid or received. The parameter is the order id or the hash of the " +
    "transaction that placed it. 400 MARKET_BAD_ORDER; 404 MARKET_UNKNOWN_ORDER.",
  tags: TAGS,
  params: Type.Object({ order: Type.String({ maxLength: 80, description: "order id or transaction hash" }) }),
  response: OrderSchema,
});

export const listOrdersRoute = defineRoute({
  method: "GET",
  url: "/v1/market/orders",
  operationId: "listMarketOrders",
  summary: "An address's open orders",
  description:
    "The open orders of an address (?owner=), in id order, with those held after their expiry (their " +
    "escrow could not be returned). Paged (?limit, ?cursor). 400 ADDRESS_INVALID, BAD_CURSOR.",
  tags: TAGS,
  querystring: Type.Object({ owner: OwnerQuery, ...PageQueryFields }),
  response: PageSchema(OrderSchema, "a page of open orders, in id order"),
});

export const listFillsRoute = defineRoute({
  method: "GET",
  url: "/v1/market/fills",
  operationId: "listMarketFills",
  summary: "An address's fills, newest first",
  description:
    "Every fill of an address's orders (?owner=), newest clearing first: class, height, order, side, " +
    "quantity, price, amount paid or received. Paged (?limit, ?cursor). 400 ADDRESS_INVALID, BAD_CURSOR.",
  tags: TAGS,
  querystring: Type.Object({ owner: OwnerQuery, ...PageQueryFields }),
  response: PageSchema(FillSchema, "a page of fills, newest first"),
});

/** The order named by an id or a transaction hash, or MARKET_UNKNOWN_ORDER. */
export function findOrder(q: QueryContext, raw: string) {
  const ref = parseOrderRef(raw);
  const id = "id" in ref ? ref.id : orderOfTx(q.state(), fromHex(ref.tx));
  const o = id === undefined ? undefined : readOrder(q.state(), id);
  if (id === undefined || !o)
    throw new TelchainError(
      "MARKET_UNKNOWN_ORDER",
      "id" in ref ? `no order ${ref.id}` : `transaction ${ref.tx} placed no order`,
    );
  return orderView(id, o);
}

export function marketRoutes(app: FastifyInstance, q: QueryContext): void {
  registerRoute(app, getBookRoute, async ({ params, query }) => {
    const classId = parseClass(params.class);
    const view = bookView(q, classId, query.levels ?? 20);
    if (!view) throw new TelchainError("MARKET_UNKNOWN_CLASS", `no voucher class ${classId}`);
    return view;
  });

  registerRoute(app, listAuctionsRoute, async ({ params, query }) => {
    const classId = parseClass(params.class);
    const prefix = auctionsPrefix(classId);
    return readPage(q, prefix, query, (rest) => {
      const a = readAuction(q.state(), [classId, heightOfNewestFirst(rest)]);
      return a && auctionView(classId, a);
    });
  });

  registerRoute(app, getAuctionRoute, async ({ params, query }) => {
    const classId = parseClass(params.class);
    const height = parseHeight(params.height);
    const a = readAuction(q.state(), [classId, height]);
    if (!a)
      throw new TelchainError(
        "MARKET_NO_AUCTION",
        `the book of class ${classId} did not clear at height ${height}`,
      );
    const fills = readPage(q, fillsPrefix(classId, height), query, (_rest, value) =>
      fillView(classId, height, FillEntry.deserialize(value)),
    );
    return { ...auctionView(classId, a), fills };
  });

  registerRoute(app, getOrderRoute, async ({ params }) => findOrder(q, params.order));

  registerRoute(app, listOrdersRoute, async ({ query }) => {
    const owner = decodeAddress(query.owner);
    return readPage(q, ownerOrdersPrefix(owner), query, (rest) => {
      const id = readU64(rest);
      const o = readOrder(q.state(), id);
      return o && orderView(id, o);
    });
  });

  registerRoute(app, listFillsRoute, async ({ query }) => {
    const owner = decodeAddress(query.owner);
    return readPage(q, ownerFillsPrefix(owner), query, (rest) => {
      const { height, classId, i } = fillOfOwnerKey(rest);
      const f = readFill(q.state(), [classId, height, i]);
      return f && fillView(classId, height, f);
    });
  });
}
