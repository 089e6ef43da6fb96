/**
 * The market's transaction kinds: buy and sell (a limit order: its escrow taken at once, the
 * order resting in its class's book until filled, cancelled or expired) and cancel (what is
 * left in escrow returned at once).
 */

import { toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import { calls, defineKind } from "../../module/kind.js";
import { buyEscrow, cancelOrder, lastTradingHeight, restOrder, voucherMovesOf, vouchersOf } from "./book.js";
import { BUY, CancelPayload, OrderPayload, SELL, status } from "./schemas.js";
import {
  leavingAt,
  MAX_UINT64,
  nextOrderId,
  openOrdersOf,
  readBook,
  readOrder,
  readParams,
  writeOrderOfTx,
} from "./store.js";

/** The stateless checks of an order: a quantity and a price of at least 1, and a value that fits in a uint64. */
function parseOrder(p: OrderPayload): OrderPayload {
  if (p.quantity === 0n)
    throw new TelchainError("MARKET_ZERO_QUANTITY", "an order's quantity must be at least 1 unit");
  if (p.price === 0n)
    throw new TelchainError("MARKET_ZERO_PRICE", "an order's price must be at least 1 base unit per unit");
  if (p.quantity * p.price > MAX_UINT64)
    throw new TelchainError(
      "MARKET_OVERFLOW",
      `quantity ${p.quantity} × price ${p.price} = ${p.quantity * p.price} passes 2^64 − 1 base units`,
    );
  return p;
}

const place = (side: typeof BUY | typeof SELL) =>
  defineKind({
    payload: OrderPayload,
    parse: parseOrder,
    apply(ctx, a) {
      const { state } = ctx;
      const height = ctx.block.height;
      const params = readParams(state);
      const vouchers = vouchersOf(ctx);
      const info = vouchers.classInfo(a.classId);
      if (!info) throw new TelchainError("MARKET_UNKNOWN_CLASS", `no voucher class ${a.classId}`);
      if (!info.transferable)
        throw new TelchainError("MARKET_NOT_TRANSFERABLE", `voucher class ${a.classId} is not transferable`);
      const last = lastTradingHeight(info);
      if (height > last)
        throw new TelchainError(
          "MARKET_CLASS_EXPIRED",
          `voucher class ${a.classId} expires at height ${info.expiry}: its book closed after height ${last}`,
        );
      if (a.expiry !== 0 && (a.expiry < height || a.expiry > height + params.maxExpiryBlocks))
        throw new TelchainError(
          "MARKET_BAD_EXPIRY",
          `expiry ${a.expiry} must be from this block's height ${height} to ${height + params.maxExpiryBlocks}`,
        );
      const expiry = Math.min(a.expiry === 0 ? height + params.defaultExpiryBlocks : a.expiry, last);
      const open = openOrdersOf(state, ctx.sender);
      if (open >= params.maxOpenOrdersPerAddress)
        throw new TelchainError(
          "MARKET_TOO_MANY_ORDERS",
          `${encodeAddress(ctx.sender)} already has ${open} open orders, the most an address may have`,
        );
      const inBook = readBook(state, a.classId)?.orders ?? 0;
      if (inBook >= params.maxOrdersPerBook)
        throw new TelchainError(
          "MARKET_BOOK_FULL",
          `the book of class ${a.classId} already holds ${inBook} orders, the most a book may hold`,
        );
      if (leavingAt(state, expiry + 1) >= params.maxExpiriesPerBlock)
        throw new TelchainError(
          "MARKET_EXPIRY_FULL",
          `${params.maxExpiriesPerBlock} orders already expire at height ${expiry}: choose another --expiry`,
        );
      if (side === BUY) {
        const escrow = buyEscrow(a, a.quantity);
        const balance = ctx.accounts.balance(ctx.sender);
        if (balance < escrow)
          throw new TelchainError(
            "MARKET_INSUFFICIENT_FUNDS",
            `the order escrows ${a.quantity} × ${a.price} = ${escrow} base units; the balance is ${balance}`,
          );
        ctx.accounts.debit(ctx.sender, escrow);
      } else {
        const held = vouchers.balance(a.classId, ctx.sender);
        if (held < a.quantity)
          throw new TelchainError(
            "MARKET_INSUFFICIENT_UNITS",
            `the order escrows ${a.quantity} units of class ${a.classId}; the sender holds ${held}`,
          );
        voucherMovesOf(ctx).take(a.classId, ctx.sender, a.quantity, height);
      }
      const id = nextOrderId(state);
      restOrder(state, id, {
        classId: a.classId,
        side,
        owner: ctx.sender,
        price: a.price,
        quantity: a.quantity,
        placedAt: height,
        expiry,
        txHash: ctx.txHash,
      });
      writeOrderOfTx(state, ctx.txHash, id);
    },
    toJSON: (p) => ({
      classId: p.classId,
      quantity: p.quantity.toString(),
      price: p.price.toString(),
      expiry: p.expiry,
    }),
  });

const cancel = defineKind({
  payload: CancelPayload,
  parse: (p) => p,
  apply(ctx, a) {
    const o = readOrder(ctx.state, a.order);
    if (!o) throw new TelchainError("MARKET_UNKNOWN_ORDER", `no order ${a.order}`);
    if (toHex(o.owner) !== toHex(ctx.sender))
      throw new TelchainError("MARKET_NOT_OWNER", `order ${a.order} was placed by ${encodeAddress(o.owner)}`);
    if (o.status !== status("open") && o.status !== status("held"))
      throw new TelchainError("MARKET_ORDER_CLOSED", `order ${a.order} is no longer open`);
    cancelOrder(ctx, a.order, o);
  },
});

export const marketKinds = { buy: place(BUY), sell: place(SELL), cancel };
export const marketCalls = calls("market", marketKinds);
