/**
 * The market's end-of-block step, without any transaction: first the orders whose expiry has
 * passed leave their books (escrow returned), then the books that got new orders clear, each
 * as one batch auction (clear.ts), fills paid and delivered at once: nothing to crank, nothing
 * to settle later.
 *
 * Bounded work, paid by no transaction (docs/market.md, "Bounded work"):
 * - expiries: the orders leaving at this height, at most maxExpiriesPerBlock (placement refuses
 *   more), each a few reads and writes and one coin credit or unit give;
 * - clearing: books from the clearing queue, first come first served, while the orders read
 *   stay within maxClearingOrdersPerBlock (the first book always clears: at most
 *   maxOrdersPerBook more); a book past the budget stays at the head of the queue for the next
 *   block. Per book: its orders read once, O(n log n) to find the price, then per fill a few
 *   reads and writes, and one credit and one give per owner. Only a book that got new orders
 *   can cross: a clearing leaves no crossing orders behind (best-priced orders fill first), and
 *   cancels and expiries only take orders away.
 * - a clearing whose payouts would take some owner's balance past 2^64 − 1 runs again without
 *   that owner's orders, at most MAX_ROUNDS times in all (then the book waits for new orders).
 */

import { toHex } from "../../bytes.js";
import {
  buyEscrow,
  canMove,
  type MarketContext,
  returnEscrow,
  unlist,
  voucherMovesOf,
  vouchersOf,
} from "./book.js";
import { type AuctionOrder, type Clearing, clear } from "./clear.js";
import { type BookEntry, type BookOrder, BUY, type OrderEntry, type Place, status } from "./schemas.js";
import {
  addOpenOrders,
  deletePlace,
  deleteSlot,
  dequeue,
  dropLeaving,
  EMPTY_BOOK,
  fillWriter,
  leavingAt,
  MAX_UINT64,
  queueHead,
  readBook,
  readLeaving,
  readOrder,
  readParams,
  readPlace,
  readSlots,
  removeLeaving,
  writeAuction,
  writeBook,
  writeOrder,
  writePlace,
  writeSlot,
} from "./store.js";

/** Clearings of one book in one block, at most (the first, then without the owners it could not pay). */
export const MAX_ROUNDS = 4;

export function marketEndBlock(ctx: MarketContext): void {
  expireOrders(ctx);
  clearBooks(ctx);
}

/** The orders whose expiry was the previous height leave their books; their escrow returns. */
function expireOrders(ctx: MarketContext): void {
  const { state } = ctx;
  const height = ctx.block.height;
  const n = leavingAt(state, height);
  if (n === 0) return;
  const books = new Map<number, BookEntry>();
  for (let i = 0; i < n; i++) {
    const id = readLeaving(state, height, i) as number;
    const o = readOrder(state, id) as OrderEntry;
    const book = books.get(o.classId) ?? readBook(state, o.classId) ?? { ...EMPTY_BOOK };
    books.set(o.classId, unlist(state, id, o, book, "keep"));
    const outcome = returnEscrow(ctx, o, height);
    const closed = { ...o, status: status(outcome === "returned" ? "expired" : outcome), closedAt: height };
    writeOrder(state, id, closed, o);
    if (outcome !== "held") addOpenOrders(state, o.owner, -1);
  }
  dropLeaving(state, height, n);
  for (const [classId, book] of books) writeBook(state, classId, book);
}

/** Clears the books of the clearing queue, within the block's budget of orders read. */
function clearBooks(ctx: MarketContext): void {
  const { state } = ctx;
  let budget: number | undefined;
  let read = 0;
  for (;;) {
    const classId = queueHead(state);
    if (classId === undefined) return;
    const book = readBook(state, classId) ?? { ...EMPTY_BOOK };
    budget ??= readParams(state).maxClearingOrdersPerBlock;
    if (read > 0 && read + book.orders > budget) return;
    dequeue(state);
    read += book.orders;
    clearBook(ctx, classId, { ...book, queued: false });
  }
}

const toAuction = (s: BookOrder): AuctionOrder => ({
  id: s.id,
  side: s.side === BUY ? "buy" : "sell",
  price: s.price,
  quantity: s.remaining,
});

/** Records read once per book and written once at the end: order records, or places (undefined: deleted). */
class Cached<T> {
  private readonly before = new Map<number, T>();
  private readonly after = new Map<number, T | undefined>();
  constructor(
    private readonly read: (id: number) => T | undefined,
    private readonly write: (id: number, value: T | undefined, before: T) => void,
  ) {}
  get(id: number): T {
    if (this.after.has(id)) return this.after.get(id) as T;
    let v = this.before.get(id);
    if (v === undefined) {
      v = this.read(id) as T;
      this.before.set(id, v);
    }
    return v;
  }
  set(id: number, value: T | undefined): void {
    this.get(id);
    this.after.set(id, value);
  }
  flush(): void {
    for (const [id, v] of this.after) this.write(id, v, this.before.get(id) as T);
  }
}

const ordersOf = (state: MarketContext["state"]) =>
  new Cached<OrderEntry>(
    (id) => readOrder(state, id),
    (id, o, before) => writeOrder(state, id, o as OrderEntry, before),
  );
const placesOf = (state: MarketContext["state"]) =>
  new Cached<Place>(
    (id) => readPlace(state, id),
    (id, p) => (p ? writePlace(state, id, p) : deletePlace(state, id)),
  );
type Orders = Cached<OrderEntry>;

interface Payout {
  owner: Uint8Array;
  coins: bigint;
  units: bigint;
}

/** What each owner receives from a clearing: coins (sales, and the buys' escrow above the price), units (buys). */
function payouts(result: Clearing, orders: Orders): Map<string, Payout> {
  const out = new Map<string, Payout>();
  for (const f of result.fills) {
    const o = orders.get(f.id);
    const key = toHex(o.owner);
    const p = out.get(key) ?? { owner: o.owner, coins: 0n, units: 0n };
    if (o.side === BUY) {
      p.coins += (o.price - result.price) * f.quantity;
      p.units += f.quantity;
    } else p.coins += result.price * f.quantity;
    out.set(key, p);
  }
  return out;
}

function clearBook(ctx: MarketContext, classId: number, book: BookEntry): void {
  const { state } = ctx;
  const height = ctx.block.height;
  const vouchers = vouchersOf(ctx);
  if (book.orders === 0 || !canMove(vouchers.classInfo(classId), height)) {
    writeBook(state, classId, book);
    return;
  }
  const slots = readSlots(state, classId, book);
  const orders = ordersOf(state);
  const excluded = new Set<number>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = clear(slots.filter((s) => !excluded.has(s.id)).map(toAuction));
    if (!result) break;
    const pay = payouts(result, orders);
    const unpayable = new Set<string>();
    for (const [key, p] of pay)
      if (
        ctx.accounts.balance(p.owner) + p.coins > MAX_UINT64 ||
        vouchers.balance(classId, p.owner) + p.units > MAX_UINT64
      )
        unpayable.add(key);
    if (unpayable.size === 0) {
      settle(ctx, classId, book, slots, result, orders, pay, excluded.size);
      return;
    }
    for (const f of result.fills) if (unpayable.has(toHex(orders.get(f.id).owner))) excluded.add(f.id);
  }
  writeBook(state, classId, book);
}

/** Pays, delivers and records a clearing; updates the orders, the book's slots and its header. */
function settle(
  ctx: MarketContext,
  classId: number,
  book: BookEntry,
  slots: BookOrder[],
  result: Clearing,
  orders: Orders,
  pay: Map<string, Payout>,
  excluded: number,
): void {
  const { state } = ctx;
  const height = ctx.block.height;
  const price = result.price;
  const moves = voucherMovesOf(ctx);
  for (const p of pay.values()) {
    if (p.coins > 0n) ctx.accounts.credit(p.owner, p.coins);
    if (p.units > 0n) moves.give(classId, p.owner, p.units, height);
  }

  const slotOf = new Map(slots.map((s, i) => [s.id, i]));
  const changedSlots = new Set<number>();
  const filled: number[] = [];
  const closedBy = new Map<string, { owner: Uint8Array; n: number }>();
  const places = placesOf(state);
  const writeFill = fillWriter(state, classId, height);
  const next = { ...book, lastAuction: height };
  result.fills.forEach((f, i) => {
    const o = orders.get(f.id);
    const slot = slotOf.get(f.id) as number;
    const remaining = o.remaining - f.quantity;
    if (o.side === BUY) {
      next.buyQuantity -= f.quantity;
      next.coinEscrow -= buyEscrow(o, f.quantity);
    } else next.sellQuantity -= f.quantity;
    const after: OrderEntry = { ...o, remaining, fills: o.fills + 1, coins: o.coins + price * f.quantity };
    if (remaining === 0n) {
      after.status = status("filled");
      after.closedAt = height;
      filled.push(slot);
      if (o.side === BUY) next.buys--;
      else next.sells--;
      const owner = toHex(o.owner);
      closedBy.set(owner, { owner: o.owner, n: (closedBy.get(owner)?.n ?? 0) + 1 });
      const { expirySlot } = places.get(f.id);
      const movedId = removeLeaving(state, o.expiry + 1, expirySlot);
      if (movedId !== undefined) places.set(movedId, { ...places.get(movedId), expirySlot });
      places.set(f.id, undefined);
    } else {
      slots[slot] = { ...slots[slot], remaining };
      changedSlots.add(slot);
    }
    orders.set(f.id, after);
    writeFill(i, {
      order: f.id,
      side: o.side,
      owner: o.owner,
      quantity: f.quantity,
      price,
      limit: o.price,
    });
  });

  // The filled orders leave the slots, the highest slot first: the last slot moves into each hole.
  const before = slots.length;
  filled.sort((a, b) => b - a);
  for (const slot of filled) {
    const last = slots.length - 1;
    if (slot !== last) {
      slots[slot] = slots[last];
      changedSlots.add(slot);
      const id = slots[slot].id;
      places.set(id, { ...places.get(id), slot });
    }
    slots.pop();
  }
  for (const slot of changedSlots) if (slot < slots.length) writeSlot(state, [classId, slot], slots[slot]);
  for (let slot = slots.length; slot < before; slot++) deleteSlot(state, [classId, slot]);
  orders.flush();
  places.flush();
  for (const { owner, n } of closedBy.values()) addOpenOrders(state, owner, -n);
  next.orders = slots.length;
  writeBook(state, classId, next);
  writeAuction(state, [classId, height], {
    height,
    price,
    volume: result.volume,
    demand: result.demand,
    supply: result.supply,
    fills: result.fills.length,
    excluded,
  });
}
