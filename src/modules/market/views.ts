/**
 * What the market's routes show (and the CLI prints): an order, a book's depth, a clearing
 * with its fills, an address's fills. Amounts are decimal strings (coin base units, voucher units).
 */
import { type Static, Type } from "@sinclair/typebox";
import { OrNull } from "../../api/schemas.js";
import { toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import type { QueryContext } from "../../module/interface.js";
import { buyEscrow, lastTradingHeight } from "./book.js";
import type { ExpectedVoucherClasses } from "./expected-keepers.js";
import {
  type AuctionEntry,
  BUY,
  type FillEntry,
  type OrderEntry,
  SIDES,
  STATUSES,
  status,
} from "./schemas.js";
import { readAuction, readBook, readSlots } from "./store.js";

const Amount = (description: string) => Type.String({ pattern: "^[0-9]+$", description });
const Int = (description: string) => Type.Integer({ minimum: 0, description });
const SideSchema = Type.Union(
  SIDES.map((s) => Type.Literal(s)),
  { description: "buy or sell" },
);

export const OrderSchema = Type.Object({
  id: Int("order id: ids are given in execution order (time priority)"),
  class: Int("voucher class"),
  side: SideSchema,
  owner: Type.String({ description: "the address that placed it" }),
  price: Amount("limit price: coin base units per voucher unit"),
  quantity: Amount("voucher units ordered"),
  filled: Amount("units filled so far"),
  remaining: Amount("units not filled (once closed: returned, held or lapsed)"),
  status: Type.Union(
    STATUSES.map((s) => Type.Literal(s)),
    {
      description:
        "open (in the book), filled, cancelled, expired (left at its expiry, escrow returned), held (left at its expiry; returning its escrow would pass 2^64 − 1: cancel it), lapsed (its units expired with the class)",
    },
  ),
  escrow: Amount("what it holds now: coin base units (a buy: remaining × price) or voucher units (a sell)"),
  coins: Amount("coin base units paid (a buy) or received (a sell) in its fills"),
  fills: Int("clearings it traded in"),
  placedAt: Int("height of its block"),
  expiry: Int("the last height at which it rests in the book"),
  closedAt: OrNull(Int("height at which it left the book")),
  tx: Type.String({ description: "hash of the transaction that placed it" }),
});
export type OrderView = Static<typeof OrderSchema>;

export function orderView(id: number, o: OrderEntry): OrderView {
  const open = o.status === status("open") || o.status === status("held");
  return {
    id,
    class: o.classId,
    side: SIDES[o.side],
    owner: encodeAddress(o.owner),
    price: o.price.toString(),
    quantity: o.quantity.toString(),
    filled: (o.quantity - o.remaining).toString(),
    remaining: o.remaining.toString(),
    status: STATUSES[o.status],
    escrow: (open ? (o.side === BUY ? buyEscrow(o, o.remaining) : o.remaining) : 0n).toString(),
    coins: o.coins.toString(),
    fills: o.fills,
    placedAt: o.placedAt,
    expiry: o.expiry,
    closedAt: o.status === status("open") ? null : o.closedAt,
    tx: toHex(o.txHash),
  };
}

const LevelSchema = Type.Object({
  price: Amount("coin base units per voucher unit"),
  quantity: Amount("voucher units at this price"),
  orders: Int("orders at this price"),
});
export type LevelView = Static<typeof LevelSchema>;

export const AuctionSchema = Type.Object({
  class: Int("voucher class"),
  height: Int("the block that cleared it"),
  price: Amount("the clearing price: coin base units per voucher unit"),
  volume: Amount("voucher units traded"),
  value: Amount("coin base units paid by the buyers to the sellers: price × volume"),
  demand: Amount("units of the buys priced at or above the clearing price"),
  supply: Amount("units of the sells priced at or below the clearing price"),
  filledOrders: Int("orders that traded (each one fill)"),
  excluded: Int("orders left out: paying them would take a balance past 2^64 − 1"),
});
export type AuctionView = Static<typeof AuctionSchema>;

export const auctionView = (classId: number, a: AuctionEntry): AuctionView => ({
  class: classId,
  height: a.height,
  price: a.price.toString(),
  volume: a.volume.toString(),
  value: (a.price * a.volume).toString(),
  demand: a.demand.toString(),
  supply: a.supply.toString(),
  filledOrders: a.fills,
  excluded: a.excluded,
});

export const FillSchema = Type.Object({
  class: Int("voucher class"),
  height: Int("the clearing's block"),
  order: Int("order id"),
  side: SideSchema,
  owner: Type.String({ description: "the order's address" }),
  quantity: Amount("voucher units traded"),
  price: Amount("the clearing price"),
  limit: Amount("the order's limit price"),
  amount: Amount("coin base units paid (a buy) or received (a sell): price × quantity"),
  refund: Amount("a buy: escrow returned, (limit − price) × quantity; a sell: 0"),
});
export type FillView = Static<typeof FillSchema>;

export const fillView = (classId: number, height: number, f: FillEntry): FillView => ({
  class: classId,
  height,
  order: f.order,
  side: SIDES[f.side],
  owner: encodeAddress(f.owner),
  quantity: f.quantity.toString(),
  price: f.price.toString(),
  limit: f.limit.toString(),
  amount: (f.price * f.quantity).toString(),
  refund: (f.side === BUY ? (f.limit - f.price) * f.quantity : 0n).toString(),
});

export const AuctionDetailSchema = Type.Object({
  ...AuctionSchema.properties,
  fills: Type.Object({
    items: Type.Array(FillSchema, { description: "in order id order" }),
    next: OrNull(Type.String({ description: "cursor of the following page of fills" })),
  }),
});
export type AuctionDetailView = Static<typeof AuctionDetailSchema>;

const SideDepth = (what: string) =>
  Type.Object({ orders: Int(`${what} in the book`), quantity: Amount(`their remaining units`) });

export const BookSchema = Type.Object({
  class: Int("voucher class"),
  height: Int("the head, at which the book is shown"),
  unit: OrNull(Type.String({ description: "minute, message or megabyte (null: the class is gone)" })),
  classExpiry: OrNull(Int("the class's expiry height")),
  lastTradingHeight: OrNull(Int("the last height at which its orders may rest: the class's expiry − 2")),
  trading: Type.Boolean({ description: "orders may be placed in the next block" }),
  buys: SideDepth("buy orders"),
  sells: SideDepth("sell orders"),
  escrow: Type.Object({
    coins: Amount("coin base units the buys hold"),
    units: Amount("voucher units the sells hold"),
  }),
  bids: Type.Array(LevelSchema, { description: "buy prices, best (highest) first" }),
  asks: Type.Array(LevelSchema, { description: "sell prices, best (lowest) first" }),
  queued: Type.Boolean({
    description: "it got new orders and waits to clear (at the end of the next block at the latest)",
  }),
  lastAuction: OrNull(AuctionSchema),
});
export type BookView = Static<typeof BookSchema>;

/** Price levels of one side: the orders aggregated by price, best first, at most `levels`. */
function depth(
  orders: { price: bigint; remaining: bigint }[],
  best: (a: bigint, b: bigint) => number,
  levels: number,
) {
  const by = new Map<bigint, LevelView & { q: bigint }>();
  for (const o of orders) {
    const l = by.get(o.price) ?? { price: o.price.toString(), quantity: "0", orders: 0, q: 0n };
    l.q += o.remaining;
    l.orders++;
    by.set(o.price, l);
  }
  return [...by.entries()]
    .sort(([a], [b]) => best(a, b))
    .slice(0, levels)
    .map(([, l]) => ({ price: l.price, quantity: l.q.toString(), orders: l.orders }));
}

/** A book's depth at the head (reads its orders: at most maxOrdersPerBook); undefined for an unknown class without a book. */
export function bookView(q: QueryContext, classId: number, levels: number): BookView | undefined {
  const state = q.state();
  const info = q.keeper<ExpectedVoucherClasses>("vouchers").classInfo(classId);
  const book = readBook(state, classId);
  if (!info && !book) return undefined;
  const slots = book ? readSlots(state, classId, book) : [];
  const last = book?.lastAuction ? readAuction(state, [classId, book.lastAuction]) : undefined;
  const desc = (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0);
  return {
    class: classId,
    height: q.height(),
    unit: info?.unit ?? null,
    classExpiry: info?.expiry ?? null,
    lastTradingHeight: info ? lastTradingHeight(info) : null,
    trading: info?.transferable === true && q.height() + 1 <= lastTradingHeight(info),
    buys: { orders: book?.buys ?? 0, quantity: (book?.buyQuantity ?? 0n).toString() },
    sells: { orders: book?.sells ?? 0, quantity: (book?.sellQuantity ?? 0n).toString() },
    escrow: { coins: (book?.coinEscrow ?? 0n).toString(), units: (book?.sellQuantity ?? 0n).toString() },
    bids: depth(
      slots.filter((s) => s.side === BUY),
      desc,
      levels,
    ),
    asks: depth(
      slots.filter((s) => s.side !== BUY),
      (a, b) => desc(b, a),
      levels,
    ),
    queued: book?.queued ?? false,
    lastAuction: last ? auctionView(classId, last) : null,
  };
}
