/** SSZ schemas of the market module's payloads and stored values (keys: store.ts). */
import type { ValueOf } from "@chainsafe/ssz";
import { Bool, Bytes32, container, Uint8, Uint32, Uint53, Uint64, Uint128 } from "../../codec/schema.js";

// Sums over many orders (each up to 2^64 − 1) are Uint128, so a total can always be written.

/** buy and sell: a limit order on the book of class `classId`. */
export const OrderPayload = container("MarketOrder", {
  classId: Uint53,
  /** Voucher units, at least 1. */
  quantity: Uint64,
  /** Coin base units per voucher unit, at least 1; quantity × price fits in a uint64. */
  price: Uint64,
  /** The last height at which the order rests in the book; 0 = the default (params). */
  expiry: Uint53,
});
export type OrderPayload = ValueOf<typeof OrderPayload>;

/** cancel: the order's id. */
export const CancelPayload = container("MarketCancel", { order: Uint53 });
export type CancelPayload = ValueOf<typeof CancelPayload>;

/** The module's parameters, fixed at genesis (params.ts). */
export const ParamsEntry = container("MarketParams", {
  defaultExpiryBlocks: Uint53,
  maxExpiryBlocks: Uint53,
  maxOpenOrdersPerAddress: Uint32,
  maxOrdersPerBook: Uint32,
  maxExpiriesPerBlock: Uint32,
  maxClearingOrdersPerBlock: Uint32,
});
export type MarketParams = ValueOf<typeof ParamsEntry>;

export const SIDES = ["buy", "sell"] as const;
export type Side = (typeof SIDES)[number];
export const BUY = 0;
export const SELL = 1;

/**
 * What became of an order: open (in the book), filled, cancelled, expired (left the book at
 * its expiry, the rest returned), held (left the book at its expiry, but returning the rest
 * would have taken its owner's balance past 2^64 − 1: a cancel returns it), lapsed (its class
 * could no longer move units when it left: the units in escrow expired with the class).
 */
export const STATUSES = ["open", "filled", "cancelled", "expired", "held", "lapsed"] as const;
export type Status = (typeof STATUSES)[number];
export const status = (s: Status): number => STATUSES.indexOf(s);

/** Every order placed, at o/<id>: kept when it closes (the order's record). */
export const OrderEntry = container("MarketOrderEntry", {
  classId: Uint53,
  side: Uint8,
  owner: Bytes32,
  price: Uint64,
  quantity: Uint64,
  /** Units not yet filled (when closed: what was returned, held or lapsed). */
  remaining: Uint64,
  placedAt: Uint53,
  expiry: Uint53,
  txHash: Bytes32,
  status: Uint8,
  /** The height at which it left the book (0 while open). */
  closedAt: Uint53,
  fills: Uint32,
  /** Coin base units paid (a buy) or received (a sell) in its fills. */
  coins: Uint128,
});
export type OrderEntry = ValueOf<typeof OrderEntry>;

/**
 * Where an open order is, at i/<id>: its slot in its book, its place among the orders leaving at
 * its expiry + 1 (kept apart from the record, so that moving an order rewrites 8 bytes).
 */
export const Place = container("MarketPlace", { slot: Uint32, expirySlot: Uint32 });
export type Place = ValueOf<typeof Place>;

/** One order in a book's slots, at s/<class><slot>: what the clearing reads. */
export const BookOrder = container("MarketBookOrder", {
  id: Uint53,
  side: Uint8,
  price: Uint64,
  remaining: Uint64,
});
export type BookOrder = ValueOf<typeof BookOrder>;

/** A book's header, at b/<class>: its slots and escrow. */
export const BookEntry = container("MarketBook", {
  /** Slots used: the orders in the book. */
  orders: Uint32,
  buys: Uint32,
  sells: Uint32,
  /** Remaining units of the buys, and of the sells (the voucher units in escrow). */
  buyQuantity: Uint128,
  sellQuantity: Uint128,
  /** Coin base units in escrow: the sum of the buys' remaining × price. */
  coinEscrow: Uint128,
  /** Waiting in the clearing queue (it got new orders). */
  queued: Bool,
  /** Height of its last clearing (0: none yet). */
  lastAuction: Uint53,
});
export type BookEntry = ValueOf<typeof BookEntry>;

/** A clearing, at r/<class><~height>. */
export const AuctionEntry = container("MarketAuction", {
  height: Uint53,
  price: Uint64,
  volume: Uint128,
  /** Buys priced ≥ price and sells priced ≤ price, in units, when it cleared. */
  demand: Uint128,
  supply: Uint128,
  fills: Uint32,
  /** Orders left out of it because paying them would take a balance past 2^64 − 1. */
  excluded: Uint32,
});
export type AuctionEntry = ValueOf<typeof AuctionEntry>;

/** One fill of a clearing, at f/<class><height><i>. */
export const FillEntry = container("MarketFill", {
  order: Uint53,
  side: Uint8,
  owner: Bytes32,
  quantity: Uint64,
  /** The clearing price; the order's own limit price. */
  price: Uint64,
  limit: Uint64,
});
export type FillEntry = ValueOf<typeof FillEntry>;
