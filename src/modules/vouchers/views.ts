/**
 * What the vouchers module shows (API and CLI): classes, balances, offers and redemption
 * records. Amounts are decimal strings (uint64), addresses tel1…, heights integers. A class's
 * status is as the next block sees it: live up to its expiry height, then expired (balances read
 * 0) until the end of block that deletes its last balance, then pruned (the record stays).
 */
import { type Static, Type } from "@sinclair/typebox";
import { OneOf, OrNull } from "../../api/schemas.js";
import { toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import type { StateReader } from "../../state/view.js";
import { supplyOf } from "./keeper.js";
import { splitPrice } from "./kinds/offer.js";
import { expiredAt } from "./prune.js";
import { type ClassEntry, type OfferEntry, type RedemptionEntry, UNITS } from "./schemas.js";
import { readClass } from "./store.js";

const Int = Type.Integer({ minimum: 0 });
const Amount = (description: string) => Type.String({ description: `${description} (uint64, decimal)` });
const Address = Type.String({ description: "address (tel1…)" });
const Height = (description: string) => Type.Integer({ minimum: 0, description: `${description} (height)` });

export const CLASS_STATUSES = ["live", "expired", "pruned"] as const;
export const OFFER_STATUSES = ["open", "sold-out", "ended"] as const;

export const ClassSchema = Type.Object({
  id: Int,
  issuer: Type.String({ description: "the issuing carrier" }),
  unit: OneOf(UNITS),
  name: Type.String(),
  description: Type.String(),
  expiry: Height("the last block its units are good in"),
  status: OneOf(CLASS_STATUSES),
  blocksLeft: Type.Integer({
    minimum: 0,
    description: "blocks after the head it is still good in (0: expired)",
  }),
  transferable: Type.Boolean(),
  cap: OrNull(Amount("most units ever issued")),
  issued: Amount("units ever issued"),
  redeemed: Amount("units burned by redemptions"),
  pruned: Amount("units that expired in balances and were deleted"),
  custody: Amount("units other modules hold in escrow (taken, not given back)"),
  supply: Amount("issued − redeemed − pruned = the holders' balances + custody"),
  holders: Type.Integer({ minimum: 0, description: "addresses with a balance" }),
  createdAt: Height("created"),
  creator: Address,
  prunedAt: OrNull(Height("its last balance was deleted")),
});
export type ClassView = Static<typeof ClassSchema>;

export const BalanceSchema = Type.Object({
  classId: Int,
  holder: Address,
  amount: Amount("units held; 0 once the class has expired"),
  unit: OneOf(UNITS),
  name: Type.String({ description: "the class's name" }),
  issuer: Type.String(),
  expiry: Height("the class's expiry"),
  status: OneOf(CLASS_STATUSES),
});
export type BalanceView = Static<typeof BalanceSchema>;

const PublisherSchema = Type.Object({
  carrier: Type.String(),
  payee: Type.String({ description: "its payout address (an operator key of the carrier)" }),
  feeBps: Type.Integer({ minimum: 0, maximum: 10_000, description: "basis points of each price" }),
});

export const OfferSchema = Type.Object({
  id: Int,
  classId: Int,
  issuer: Type.String(),
  unit: OneOf(UNITS),
  name: Type.String({ description: "the class's name" }),
  units: Amount("units per purchase"),
  price: Amount("coin base units per purchase"),
  publisher: OrNull(PublisherSchema),
  payee: Type.String({ description: "receives the issuer's share: the operator that published (tel1…)" }),
  split: Type.Object(
    { issuer: Amount("issuer's share"), publisher: Amount("publisher's fee") },
    { description: "how one purchase's price splits" },
  ),
  stock: Type.Integer({ minimum: 0, description: "purchases left" }),
  sold: Type.Integer({ minimum: 0, description: "purchases made" }),
  end: Height("the last block it can be bought in"),
  status: OneOf(OFFER_STATUSES),
  publishedAt: Height("published"),
});
export type OfferView = Static<typeof OfferSchema>;

export const RedemptionSchema = Type.Object({
  cursor: Type.Integer({
    minimum: 1,
    description: "its position in the issuer's log: pass as `after` to resume after it",
  }),
  txHash: Type.String({ description: "the redeem transaction (hex)" }),
  height: Height("included"),
  classId: Int,
  units: Amount("units redeemed (burned)"),
  subscriber: Type.String({ description: "the issuer's subscriber reference (MSISDN, account id)" }),
  holder: Type.String({ description: "who redeemed (tel1…)" }),
});
export type RedemptionView = Static<typeof RedemptionSchema>;

/** The status of a class in the block after the head (`head` = the head's height). */
export function classStatus(c: ClassEntry, head: number): (typeof CLASS_STATUSES)[number] {
  if (c.prunedAt > 0) return "pruned";
  return expiredAt(c, head + 1) ? "expired" : "live";
}

export const unitOf = (c: { unit: number }) => UNITS[c.unit] ?? "minute";

export function classView(c: ClassEntry, head: number): ClassView {
  return {
    id: c.id,
    issuer: c.issuer,
    unit: unitOf(c),
    name: c.name,
    description: c.description,
    expiry: c.expiry,
    status: classStatus(c, head),
    blocksLeft: Math.max(0, c.expiry - head),
    transferable: c.transferable,
    cap: c.cap.length > 0 ? c.cap[0].toString() : null,
    issued: c.issued.toString(),
    redeemed: c.redeemed.toString(),
    pruned: c.pruned.toString(),
    custody: c.custody.toString(),
    supply: supplyOf(c).toString(),
    holders: c.holders,
    createdAt: c.createdAt,
    creator: encodeAddress(c.creator),
    prunedAt: c.prunedAt > 0 ? c.prunedAt : null,
  };
}

export function balanceView(c: ClassEntry, holder: Uint8Array, amount: bigint, head: number): BalanceView {
  const status = classStatus(c, head);
  return {
    classId: c.id,
    holder: encodeAddress(holder),
    amount: status === "live" ? amount.toString() : "0",
    unit: unitOf(c),
    name: c.name,
    issuer: c.issuer,
    expiry: c.expiry,
    status,
  };
}

export function offerView(state: StateReader, o: OfferEntry, head: number): OfferView {
  const c = readClass(state, o.classId);
  const pub = o.publisher[0];
  const split = splitPrice(o.price, pub?.feeBps ?? 0);
  const status = head + 1 > o.end ? "ended" : o.stock === 0 ? "sold-out" : "open";
  return {
    id: o.id,
    classId: o.classId,
    issuer: o.issuer,
    unit: c ? unitOf(c) : "minute",
    name: c?.name ?? "",
    units: o.units.toString(),
    price: o.price.toString(),
    publisher: pub ? { carrier: pub.carrier, payee: encodeAddress(pub.payee), feeBps: pub.feeBps } : null,
    payee: encodeAddress(o.payee),
    split: { issuer: split.issuer.toString(), publisher: split.publisher.toString() },
    stock: o.stock,
    sold: o.sold,
    end: o.end,
    status,
    publishedAt: o.publishedAt,
  };
}

export const redemptionView = (r: RedemptionEntry, cursor: number): RedemptionView => ({
  cursor,
  txHash: toHex(r.txHash),
  height: r.height,
  classId: r.classId,
  units: r.units.toString(),
  subscriber: r.subscriber,
  holder: encodeAddress(r.holder),
});
