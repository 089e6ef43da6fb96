/** Every code the market module refuses with (kinds, routes and CLI). */
import { defineErrors, type ErrorClass } from "../../errors.js";

const is = (c: ErrorClass, description: string) => ({ class: c, description });

export const MARKET_ERRORS = defineErrors("market", {
  // placing an order (buy, sell)
  MARKET_ZERO_QUANTITY: is("invalid", "An order's quantity is 0: it must be at least 1 voucher unit."),
  MARKET_ZERO_PRICE: is(
    "invalid",
    "An order's price is 0: it must be at least 1 coin base unit per voucher unit.",
  ),
  MARKET_OVERFLOW: is("invalid", "An order's quantity × price passes 2^64 − 1 coin base units."),
  MARKET_BAD_EXPIRY: is(
    "invalid",
    "An order's expiry height is before the block that places it, or more than the genesis maximum (maxExpiryBlocks) after it.",
  ),
  MARKET_UNKNOWN_CLASS: is("not-found", "No voucher class has this id."),
  MARKET_CLASS_EXPIRED: is(
    "gone",
    "The voucher class expires too soon to trade: its book closes two blocks before the class's expiry height.",
  ),
  MARKET_NOT_TRANSFERABLE: is("conflict", "The voucher class is not transferable, so it cannot be traded."),
  MARKET_INSUFFICIENT_FUNDS: is(
    "conflict",
    "A buy order escrows quantity × price coin base units: more than the sender's balance (after the fee).",
  ),
  MARKET_INSUFFICIENT_UNITS: is(
    "conflict",
    "A sell order escrows its quantity of voucher units: more than the sender holds of the class.",
  ),
  MARKET_TOO_MANY_ORDERS: is(
    "conflict",
    "The sender already has the most open orders an address may have (genesis maxOpenOrdersPerAddress).",
  ),
  MARKET_BOOK_FULL: is(
    "conflict",
    "The class's book already holds the most orders a book may hold (genesis maxOrdersPerBook).",
  ),
  MARKET_EXPIRY_FULL: is(
    "conflict",
    "The most orders that may expire at one height (genesis maxExpiriesPerBlock) already expire at this one: choose another expiry.",
  ),
  // cancelling
  MARKET_UNKNOWN_ORDER: is("not-found", "No order has this id (or no order was placed by this transaction)."),
  MARKET_NOT_OWNER: is("forbidden", "Only the address that placed an order may cancel it."),
  MARKET_ORDER_CLOSED: is(
    "conflict",
    "The order is no longer open: it was filled, cancelled, or expired with its escrow returned.",
  ),
  // routes and CLI
  MARKET_BAD_CLASS: is("invalid", "Not a voucher class id (a whole number from 1)."),
  MARKET_BAD_HEIGHT: is("invalid", "Not a block height (a whole number from 0)."),
  MARKET_BAD_ORDER: is(
    "invalid",
    "Not an order: an order id (a whole number from 1) or the 64-hex-digit hash of the transaction that placed it.",
  ),
  MARKET_BAD_AMOUNT: is(
    "invalid",
    "--quantity, --price or --expiry is not a whole number (quantity and price: up to 2^64 − 1).",
  ),
  MARKET_NO_AUCTION: is(
    "not-found",
    "The book did not clear at this height (no crossing orders, or no such block yet).",
  ),
});
