/**
 * State layout of the market module (keys relative to m/market/). End-of-block steps cannot scan
 * the state, so every set the clearing and the expiries walk is an explicit, bounded list.
 *
 *   p                                   -> ParamsEntry  parameters (absent: DEFAULT_PARAMS)
 *   n                                   -> Uint53       the last order id (ids count from 1)
 *   o/<id u64>                          -> OrderEntry   every order placed, kept when it closes
 *   i/<id u64>                          -> Place        an open order's slot and place in its expiry list
 *   a/<owner 32><id u64>                -> 0x01         index: an address's open (and held) orders
 *   c/<owner 32>                        -> u32          how many it has (maxOpenOrdersPerAddress)
 *   t/<tx hash 32>                      -> Uint53       the order a transaction placed
 *   b/<class u64>                       -> BookEntry    a book's header: slots used, escrow
 *   s/<class u64><slot u32>             -> BookOrder    its orders, slots 0 … orders − 1
 *   x/<height u64>                      -> u32          orders that leave the book at that height
 *   y/<height u64><i u32>               -> Uint53       …each one's id (expiry + 1 = height)
 *   qh, qt                              -> Uint53       head and tail of the clearing queue
 *   q/<i u64>                           -> Uint53       a class whose book got new orders
 *   r/<class u64><~height u64>          -> AuctionEntry a clearing (~: 2^64 − 1 − height, newest first)
 *   f/<class u64><height u64><i u32>    -> FillEntry    its fills, in order id order
 *   F/<owner 32><~height u64><class u64><i u32> -> 0x01 index: an address's fills, newest first
 * All integers big-endian, so keys sort by them.
 */
import { concatBytes, utf8 } from "../../bytes.js";
import { Uint53 } from "../../codec/schema.js";
import { entries, INDEX_PRESENT, U32BE } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import { DEFAULT_PARAMS } from "./params.js";
import {
  AuctionEntry,
  BookEntry,
  BookOrder,
  FillEntry,
  type MarketParams,
  OrderEntry,
  ParamsEntry,
  Place,
  status,
} from "./schemas.js";

export const MAX_UINT64 = (1n << 64n) - 1n;
const tags = new Map<string, Uint8Array>();
/** A key's tag ("o/"), encoded once. */
function tag(t: string): Uint8Array {
  let b = tags.get(t);
  if (!b) {
    b = utf8(t);
    tags.set(t, b);
  }
  return b;
}
/** n (below 2^53) as 8 bytes, big-endian, so that keys sort by it (without BigInt: keys are built often). */
export function u64(n: number): Uint8Array {
  const b = new Uint8Array(8);
  const hi = Math.floor(n / 4_294_967_296);
  b[0] = hi >>> 24;
  b[1] = (hi >>> 16) & 255;
  b[2] = (hi >>> 8) & 255;
  b[3] = hi & 255;
  b[4] = (n >>> 24) & 255;
  b[5] = (n >>> 16) & 255;
  b[6] = (n >>> 8) & 255;
  b[7] = n & 255;
  return b;
}
const u32be = (n: number) => U32BE.serialize(n);
/** 2^64 − 1 − height (each byte of the height complemented): keys with it list the newest first. */
const newestFirst = (height: number) => u64(height).map((x) => 255 - x);
export const readU64 = (b: Uint8Array, at = 0) =>
  Number(new DataView(b.buffer, b.byteOffset + at, 8).getBigUint64(0));
export const heightOfNewestFirst = (b: Uint8Array) => readU64(b.subarray(0, 8).map((x) => 255 - x));
export const readU32 = (b: Uint8Array, at = 0) => new DataView(b.buffer, b.byteOffset + at, 4).getUint32(0);

export const PARAMS_KEY = tag("p");
const params = entries(ParamsEntry, () => PARAMS_KEY);
export const readParams = (state: StateReader): MarketParams =>
  params.get(state, undefined) ?? { ...DEFAULT_PARAMS };

const lastId = entries(Uint53, () => tag("n"));
/** The next order id (and counts it). */
export function nextOrderId(state: StateView): number {
  const id = (lastId.get(state, undefined) ?? 0) + 1;
  lastId.set(state, undefined, id);
  return id;
}
export const lastOrderId = (state: StateReader): number => lastId.get(state, undefined) ?? 0;

/** An address's open orders: a/<owner> lists them in id order. */
export const ownerOrdersPrefix = (owner: Uint8Array) => concatBytes(tag("a/"), owner);
const OPEN = [status("open"), status("held")];
const isListed = (o: OrderEntry | undefined) => o !== undefined && OPEN.includes(o.status);
const orders = entries(OrderEntry, (id: number) => concatBytes(tag("o/"), u64(id)));
export const { get: readOrder, key: orderKey } = orders;
/**
 * Writes an order's record and keeps its owner's index (a/<owner><id>: open and held orders) in
 * step; `before` is its record as it was, when the caller has it (else it is read).
 */
export function writeOrder(
  state: StateView,
  id: number,
  o: OrderEntry,
  before: OrderEntry | undefined = orders.get(state, id),
): void {
  const listed = isListed(o);
  if (listed !== isListed(before)) {
    const key = concatBytes(ownerOrdersPrefix(o.owner), u64(id));
    if (listed) state.set(key, INDEX_PRESENT);
    else state.delete(key);
  }
  orders.set(state, id, o);
}

const places = entries(Place, (id: number) => concatBytes(tag("i/"), u64(id)));
export const { get: readPlace, set: writePlace, delete: deletePlace } = places;

const ownerCounts = entries(U32BE, (owner: Uint8Array) => concatBytes(tag("c/"), owner));
export const openOrdersOf = (state: StateReader, owner: Uint8Array): number =>
  ownerCounts.get(state, owner) ?? 0;
export function addOpenOrders(state: StateView, owner: Uint8Array, delta: number): void {
  const n = openOrdersOf(state, owner) + delta;
  if (n === 0) ownerCounts.delete(state, owner);
  else ownerCounts.set(state, owner, n);
}

const byTx = entries(Uint53, (hash: Uint8Array) => concatBytes(tag("t/"), hash));
export const { get: orderOfTx, set: writeOrderOfTx } = byTx;

export const bookKey = (classId: number) => concatBytes(tag("b/"), u64(classId));
const books = entries(BookEntry, bookKey);
export const EMPTY_BOOK: BookEntry = {
  orders: 0,
  buys: 0,
  sells: 0,
  buyQuantity: 0n,
  sellQuantity: 0n,
  coinEscrow: 0n,
  queued: false,
  lastAuction: 0,
};
export const readBook = (state: StateReader, classId: number): BookEntry | undefined =>
  books.get(state, classId);
/** Writes a book's header; an empty book that waits for nothing leaves no header behind. */
export function writeBook(state: StateView, classId: number, book: BookEntry): void {
  if (book.orders === 0 && !book.queued && book.lastAuction === 0) books.delete(state, classId);
  else books.set(state, classId, book);
}

const slots = entries(BookOrder, ([classId, slot]: [number, number]) =>
  concatBytes(tag("s/"), u64(classId), u32be(slot)),
);
export const { get: readSlot, set: writeSlot, delete: deleteSlot } = slots;
/** Every order of a book, slot by slot: `book.orders` reads. */
export function readSlots(state: StateReader, classId: number, book: BookEntry): BookOrder[] {
  const out: BookOrder[] = [];
  for (let i = 0; i < book.orders; i++) out.push(slots.get(state, [classId, i]) as BookOrder);
  return out;
}

const expiryCounts = entries(U32BE, (height: number) => concatBytes(tag("x/"), u64(height)));
const expiryItems = entries(Uint53, ([height, i]: [number, number]) =>
  concatBytes(tag("y/"), u64(height), u32be(i)),
);
/** How many orders leave the book at `height` (those whose expiry is height − 1). */
export const leavingAt = (state: StateReader, height: number): number => expiryCounts.get(state, height) ?? 0;
export const readLeaving = (state: StateReader, height: number, i: number) =>
  expiryItems.get(state, [height, i]);
/** Adds order `id` to the orders leaving at `height`; returns its place there. */
export function addLeaving(state: StateView, height: number, id: number): number {
  const n = leavingAt(state, height);
  expiryItems.set(state, [height, n], id);
  expiryCounts.set(state, height, n + 1);
  return n;
}
/** Takes the order at place `i` out of the orders leaving at `height` (the last one moves into it); returns the moved id. */
export function removeLeaving(state: StateView, height: number, i: number): number | undefined {
  const n = leavingAt(state, height);
  const last = n - 1;
  let moved: number | undefined;
  if (i !== last) {
    moved = expiryItems.get(state, [height, last]) as number;
    expiryItems.set(state, [height, i], moved);
  }
  expiryItems.delete(state, [height, last]);
  if (last === 0) expiryCounts.delete(state, height);
  else expiryCounts.set(state, height, last);
  return moved;
}
/** Forgets the list of `height` once it was walked (its `count` entries and its count). */
export function dropLeaving(state: StateView, height: number, count: number): void {
  for (let i = 0; i < count; i++) expiryItems.delete(state, [height, i]);
  expiryCounts.delete(state, height);
}

const queueEnds = entries(Uint53, (end: "h" | "t") => tag(`q${end}`));
const queue = entries(Uint53, (i: number) => concatBytes(tag("q/"), u64(i)));
/** Appends a class to the clearing queue (the caller marks its book queued). */
export function enqueue(state: StateView, classId: number): void {
  const tail = queueEnds.get(state, "t") ?? 0;
  queue.set(state, tail, classId);
  queueEnds.set(state, "t", tail + 1);
}
/** The class at the head of the clearing queue, without taking it. */
export function queueHead(state: StateReader): number | undefined {
  const head = queueEnds.get(state, "h") ?? 0;
  return head < (queueEnds.get(state, "t") ?? 0) ? queue.get(state, head) : undefined;
}
/** Takes the head of the clearing queue; an emptied queue leaves no keys behind. */
export function dequeue(state: StateView): void {
  const head = queueEnds.get(state, "h") ?? 0;
  const tail = queueEnds.get(state, "t") ?? 0;
  queue.delete(state, head);
  if (head + 1 >= tail) {
    queueEnds.delete(state, "h");
    queueEnds.delete(state, "t");
  } else queueEnds.set(state, "h", head + 1);
}
export const queueLength = (state: StateReader): number =>
  (queueEnds.get(state, "t") ?? 0) - (queueEnds.get(state, "h") ?? 0);

/** A book's clearings, newest first: r/<class> is their prefix. */
export const auctionsPrefix = (classId: number) => concatBytes(tag("r/"), u64(classId));
const auctions = entries(AuctionEntry, ([classId, height]: [number, number]) =>
  concatBytes(auctionsPrefix(classId), newestFirst(height)),
);
export const { get: readAuction, set: writeAuction } = auctions;

/** A clearing's fills: f/<class><height> is their prefix. */
export const fillsPrefix = (classId: number, height: number) =>
  concatBytes(tag("f/"), u64(classId), u64(height));
const fills = entries(FillEntry, ([classId, height, i]: [number, number, number]) =>
  concatBytes(fillsPrefix(classId, height), u32be(i)),
);
export const { get: readFill } = fills;
/** An address's fills, newest first: F/<owner> is their prefix; the rest of a key names the fill. */
export const ownerFillsPrefix = (owner: Uint8Array) => concatBytes(tag("F/"), owner);
/** Writes the fills of one clearing (and each one's owner-index key), with the keys' common parts built once. */
export function fillWriter(state: StateView, classId: number, height: number) {
  const prefix = fillsPrefix(classId, height);
  const middle = concatBytes(newestFirst(height), u64(classId));
  return (i: number, fill: FillEntry) => {
    const at = u32be(i);
    state.set(concatBytes(prefix, at), FillEntry.serialize(fill));
    state.set(concatBytes(ownerFillsPrefix(fill.owner), middle, at), INDEX_PRESENT);
  };
}
/** The fill an owner-index key names (the key after F/<owner>). */
export const fillOfOwnerKey = (rest: Uint8Array) => ({
  height: heightOfNewestFirst(rest),
  classId: readU64(rest, 8),
  i: readU32(rest, 16),
});
