/**
 * An order's way through its book: it rests (placed, escrow taken), and it leaves — filled by
 * a clearing, cancelled, or at its expiry — and its escrow is returned. Kinds and the
 * end-of-block step share these; every list an order is in (its book's slots, the orders
 * leaving at its expiry, its owner's open orders) is kept in step here.
 *
 * When a class may trade: vouchers refuses to move units "expired at a height", and a class
 * expires at (or just after) its expiry height. The market keeps clear of that block whichever
 * way it counts: it places orders up to height expiry − 2 and caps every order's expiry there,
 * so that every order leaves — and its units go back to its seller — by height expiry − 1.
 */
import type { EndBlockContext } from "../../module/interface.js";
import type { StateView } from "../../state/view.js";
import type { ExpectedVoucherClasses, ExpectedVoucherMoves, VoucherClassInfo } from "./expected-keepers.js";
import { type BookEntry, type BookOrder, BUY, type OrderEntry, type Place, status } from "./schemas.js";
import {
  addLeaving,
  addOpenOrders,
  deletePlace,
  deleteSlot,
  EMPTY_BOOK,
  enqueue,
  MAX_UINT64,
  readBook,
  readPlace,
  readSlot,
  removeLeaving,
  writeBook,
  writeOrder,
  writePlace,
  writeSlot,
} from "./store.js";

/** What the market's kinds and end-of-block step have: a transaction's context has it all too. */
export type MarketContext = EndBlockContext;

export const vouchersOf = (ctx: MarketContext) => ctx.keeper<ExpectedVoucherClasses>("vouchers");
export const voucherMovesOf = (ctx: MarketContext) => ctx.writeKeeper<ExpectedVoucherMoves>("vouchers");

/** The last height at which an order of the class may rest in the book. */
export const lastTradingHeight = (info: VoucherClassInfo) => info.expiry - 2;
/** Whether the market may still move the class's units at `height` (give back, deliver). */
export const canMove = (info: VoucherClassInfo | undefined, height: number): info is VoucherClassInfo =>
  info !== undefined && height < info.expiry;

/** Coins a buy order holds in escrow for `remaining` units. */
export const buyEscrow = (o: { price: bigint }, remaining: bigint) => remaining * o.price;

/** A new order: its record, its slot in the book, its place among the orders leaving at expiry + 1. */
export function restOrder(
  state: StateView,
  id: number,
  o: Pick<OrderEntry, "classId" | "side" | "owner" | "price" | "quantity" | "placedAt" | "expiry" | "txHash">,
): void {
  const book = readBook(state, o.classId) ?? { ...EMPTY_BOOK };
  const slot = book.orders;
  writeSlot(state, [o.classId, slot], { id, side: o.side, price: o.price, remaining: o.quantity });
  writePlace(state, id, { slot, expirySlot: addLeaving(state, o.expiry + 1, id) });
  writeOrder(
    state,
    id,
    { ...o, remaining: o.quantity, status: status("open"), closedAt: 0, fills: 0, coins: 0n },
    undefined,
  );
  addOpenOrders(state, o.owner, 1);
  const buy = o.side === BUY;
  const next: BookEntry = {
    ...book,
    orders: book.orders + 1,
    buys: book.buys + (buy ? 1 : 0),
    sells: book.sells + (buy ? 0 : 1),
    buyQuantity: book.buyQuantity + (buy ? o.quantity : 0n),
    sellQuantity: book.sellQuantity + (buy ? 0n : o.quantity),
    coinEscrow: book.coinEscrow + (buy ? buyEscrow(o, o.quantity) : 0n),
  };
  if (!next.queued) {
    enqueue(state, o.classId);
    next.queued = true;
  }
  writeBook(state, o.classId, next);
}

/**
 * Takes open order `id` (record `o`) out of its book's slots (the last slot moves into its place) and, unless
 * the caller walks that list itself, out of the orders leaving at its expiry; returns the
 * book's header without it (the caller writes it). Its escrow and record are the caller's.
 */
export function unlist(
  state: StateView,
  id: number,
  o: OrderEntry,
  book: BookEntry,
  leavingList: "keep" | "remove",
): BookEntry {
  const place = readPlace(state, id) as Place;
  const last = book.orders - 1;
  if (place.slot !== last) {
    const moved = readSlot(state, [o.classId, last]) as BookOrder;
    writeSlot(state, [o.classId, place.slot], moved);
    writePlace(state, moved.id, { ...(readPlace(state, moved.id) as Place), slot: place.slot });
  }
  deleteSlot(state, [o.classId, last]);
  if (leavingList === "remove") {
    const movedId = removeLeaving(state, o.expiry + 1, place.expirySlot);
    if (movedId !== undefined)
      writePlace(state, movedId, { ...(readPlace(state, movedId) as Place), expirySlot: place.expirySlot });
  }
  deletePlace(state, id);
  const buy = o.side === BUY;
  return {
    ...book,
    orders: last,
    buys: book.buys - (buy ? 1 : 0),
    sells: book.sells - (buy ? 0 : 1),
    buyQuantity: book.buyQuantity - (buy ? o.remaining : 0n),
    sellQuantity: book.sellQuantity - (buy ? 0n : o.remaining),
    coinEscrow: book.coinEscrow - (buy ? buyEscrow(o, o.remaining) : 0n),
  };
}

/**
 * Returns what an order that leaves the book still holds in escrow, at the end of a block
 * (never throws): "returned"; "held" when returning it would take its owner's balance past
 * 2^64 − 1 (it waits; a cancel returns it); "lapsed" for units of a class that can no longer move.
 */
export function returnEscrow(
  ctx: MarketContext,
  o: OrderEntry,
  height: number,
): "returned" | "held" | "lapsed" {
  if (o.remaining === 0n) return "returned";
  if (o.side === BUY) {
    const amount = buyEscrow(o, o.remaining);
    if (ctx.accounts.balance(o.owner) + amount > MAX_UINT64) return "held";
    ctx.accounts.credit(o.owner, amount);
    return "returned";
  }
  const vouchers = vouchersOf(ctx);
  if (!canMove(vouchers.classInfo(o.classId), height)) return "lapsed";
  if (vouchers.balance(o.classId, o.owner) + o.remaining > MAX_UINT64) return "held";
  voucherMovesOf(ctx).give(o.classId, o.owner, o.remaining, height);
  return "returned";
}

/** Cancels open or held order `id` of `o.owner` in a transaction: a refusal to return it refuses the cancel. */
export function cancelOrder(ctx: MarketContext, id: number, o: OrderEntry): OrderEntry {
  const height = ctx.block.height;
  if (o.status === status("open")) {
    const book = readBook(ctx.state, o.classId) ?? { ...EMPTY_BOOK };
    writeBook(ctx.state, o.classId, unlist(ctx.state, id, o, book, "remove"));
  }
  let outcome = status("cancelled");
  if (o.side === BUY) ctx.accounts.credit(o.owner, buyEscrow(o, o.remaining));
  else if (canMove(vouchersOf(ctx).classInfo(o.classId), height))
    voucherMovesOf(ctx).give(o.classId, o.owner, o.remaining, height);
  else outcome = status("lapsed");
  const closed = { ...o, status: outcome, closedAt: height };
  writeOrder(ctx.state, id, closed, o);
  addOpenOrders(ctx.state, o.owner, -1);
  return closed;
}
