/**
 * SSZ schemas of the vouchers module: payloads of its kinds and its stored values (keys:
 * store.ts). Amounts (units, coin) are uint64 base units (bigint); ids and heights Uint53.
 */
import { ListBasicType, ListCompositeType, type ValueOf } from "@chainsafe/ssz";
import { MemoEnvelope } from "../../codec/memo.js";
import { Bool, Bytes32, container, Uint8, Uint16, Uint32, Uint53, Uint64 } from "../../codec/schema.js";
import { text } from "../../codec/text.js";
import { carrierIdText } from "../../telephony/carrier-id.js";

/** What a class's units count; payloads and records carry the index. */
export const UNITS = ["minute", "message", "megabyte"] as const;
export type Unit = (typeof UNITS)[number];

/** No control characters (C0, DEL, C1) anywhere. */
const PRINTABLE = /^\P{Cc}*$/u;

/** A carrier id as the carriers module registers it. */
export const CarrierId = carrierIdText("VOUCHERS_BAD_CARRIER");
/** The issuer as stored: the id the carriers keeper gave (the carriers module's rule, checked there). */
export const IssuerId = text({
  maxBytes: 64,
  minBytes: 1,
  describe: "a carrier id",
  code: "VOUCHERS_BAD_CARRIER",
});

/** A text without control characters: its name, its byte limits, what it is, its code. */
const printable = (name: string, minBytes: number, maxBytes: number, describe: string, code: string) =>
  text({ name, maxBytes, minBytes, pattern: PRINTABLE, describe, code });

export const ClassName = printable(
  "class name",
  1,
  32,
  "1 to 32 bytes without control characters",
  "VOUCHERS_BAD_TEXT",
);
export const Description = printable(
  "description",
  0,
  256,
  "at most 256 bytes without control characters",
  "VOUCHERS_BAD_TEXT",
);
/** The issuer's reference of the subscriber to serve: an MSISDN, an account id. */
export const SubscriberRef = printable(
  "subscriber reference",
  1,
  64,
  "1 to 64 bytes without control characters (an MSISDN, an account id)",
  "VOUCHERS_BAD_SUBSCRIBER",
);

/** An optional supply cap: none (empty) or one amount ≥ 1. */
export const Cap = new ListBasicType(Uint64, 1);

/** What the creator of a class chooses (class-create carries them, the class record keeps them). */
const CLASS_TERMS = {
  unit: Uint8,
  name: ClassName,
  description: Description,
  expiry: Uint53,
  transferable: Bool,
  cap: Cap,
};

/**
 * A voucher class at k/<id>. `issued` counts every unit ever issued (the cap bounds it: redeemed
 * units do not make room), `redeemed` the units burned by redemptions, `pruned` the units that
 * expired in balances and were deleted, `custody` the units other modules took through the write
 * keeper and have not given back. supply = issued − redeemed − pruned = Σ balances + custody.
 * `holders` is the length of the class's holder list (h/<id>/<slot>); `prunedAt` the height of the
 * end of block that deleted its last balance (0 until then).
 */
export const ClassEntry = container("VouchersClass", {
  id: Uint53,
  issuer: IssuerId,
  ...CLASS_TERMS,
  issued: Uint64,
  redeemed: Uint64,
  pruned: Uint64,
  custody: Uint64,
  holders: Uint32,
  createdAt: Uint53,
  creator: Bytes32,
  prunedAt: Uint53,
});
export type ClassEntry = ValueOf<typeof ClassEntry>;

/** A holder's balance of a class, at b/<class>/<holder>; `slot` is its place in the holder list. */
export const BalanceEntry = container("VouchersBalance", { amount: Uint64, slot: Uint32 });
export type BalanceEntry = ValueOf<typeof BalanceEntry>;

/** The carrier that markets an offer to its subscribers, its cut and where the cut is paid. */
export const PublisherTerms = container("VouchersPublisher", {
  carrier: CarrierId,
  /** An operator key of the publisher carrier (checked at publish): receives the fee. */
  payee: Bytes32,
  /** Basis points of each purchase's price (0..10,000). */
  feeBps: Uint16,
});
export type PublisherTerms = ValueOf<typeof PublisherTerms>;
export const OptionalPublisher = new ListCompositeType(PublisherTerms, 1);

/**
 * A direct offer at f/<id>: each purchase buys `units` of the class for `price` coin base units.
 * `payee` (the operator that published it) receives the price less the publisher's fee. `stock`
 * is the purchases left; the offer stays (sold out or not) until it is pruned after `end`.
 */
export const OfferEntry = container("VouchersOffer", {
  id: Uint53,
  classId: Uint53,
  issuer: IssuerId,
  units: Uint64,
  price: Uint64,
  publisher: OptionalPublisher,
  payee: Bytes32,
  stock: Uint53,
  sold: Uint53,
  end: Uint53,
  publishedAt: Uint53,
});
export type OfferEntry = ValueOf<typeof OfferEntry>;

/** One record of an issuer's redemption log (r/<issuer>/<seq>). */
export const RedemptionEntry = container("VouchersRedemption", {
  txHash: Bytes32,
  height: Uint53,
  classId: Uint53,
  units: Uint64,
  subscriber: SubscriberRef,
  holder: Bytes32,
});
export type RedemptionEntry = ValueOf<typeof RedemptionEntry>;

/** What the pruning queue holds: a class (its balances) or an offer, due after a height. */
export const PRUNE_KINDS = ["class", "offer"] as const;
export const PruneItem = container("VouchersPruneItem", { kind: Uint8, id: Uint53 });
export type PruneItem = ValueOf<typeof PruneItem>;

/**
 * The module's clock and the pruning cursor (key t): `now` is the height of the last end of
 * block (so transactions run at now + 1); `bucket`/`index` the next queue item to prune.
 */
export const ClockEntry = container("VouchersClock", { now: Uint53, bucket: Uint53, index: Uint32 });
export type ClockEntry = ValueOf<typeof ClockEntry>;

/** What a transaction can create (n/x/<tx hash>, module/store.ts createdByTx): so a client finds the id it got. */
export const CREATED = ["class", "offer"] as const;

// ---------------------------------------------------------------- payloads

export const CreateClassPayload = container("VouchersClassCreate", CLASS_TERMS);
/** issue (issuer's operator → `to`) and transfer (holder → `to`). */
export const MovePayload = container("VouchersMove", { classId: Uint53, to: Bytes32, amount: Uint64 });
/** A transfer with an encrypted memo (vouchers/transfer-memo). */
export const MoveMemoPayload = container("VouchersMoveMemo", {
  classId: Uint53,
  to: Bytes32,
  amount: Uint64,
  memo: MemoEnvelope,
});
export const RedeemPayload = container("VouchersRedeem", {
  classId: Uint53,
  amount: Uint64,
  subscriber: SubscriberRef,
});
export const PublishPayload = container("VouchersOfferPublish", {
  classId: Uint53,
  units: Uint64,
  price: Uint64,
  publisher: OptionalPublisher,
  stock: Uint53,
  end: Uint53,
});
export const BuyPayload = container("VouchersOfferBuy", { offerId: Uint53, count: Uint32 });
