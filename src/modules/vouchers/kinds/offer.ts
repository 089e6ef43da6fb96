/**
 * Direct offers (the Bubbletone flow):
 *   offer-publish  an operator of the class's issuer: units per purchase, price in coin base
 *                  units, stock (purchases), end height, and optionally a publisher carrier that
 *                  markets it with its fee (basis points) and payout address (one of its operator
 *                  keys). The issuer's share goes to the operator that published.
 *   offer-buy      anyone: pays count × price, gets count × units newly issued, in one transaction;
 *                  the publisher gets floor(total × feeBps / 10,000), the issuer the rest.
 * An offer is open up to its end height (at most its class's expiry), sold out or not, and is
 * pruned after it; the units are issued at each purchase and count against the class's cap.
 */
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import { defineKind } from "../../../module/kind.js";
import { BuyPayload, PRUNE_KINDS, type PublisherTerms, PublishPayload } from "../schemas.js";
import {
  addUnits,
  lastId,
  nextId,
  queuePrune,
  readOffer,
  recordCreated,
  writeClass,
  writeOffer,
} from "../store.js";
import { carriers, checkId, ensureIssuable, ensureIssuer, liveClass, positive, times } from "./common.js";

export const MAX_FEE_BPS = 10_000;

/** How a total price splits: the publisher's fee (rounded down) and the issuer's rest. */
export function splitPrice(total: bigint, feeBps: number): { issuer: bigint; publisher: bigint } {
  const publisher = (total * BigInt(feeBps)) / 10_000n;
  return { issuer: total - publisher, publisher };
}

function checkPublisher(ctx: TxContext, issuer: string, p: PublisherTerms): void {
  if (p.carrier === issuer)
    throw new TelchainError(
      "VOUCHERS_SELF_PUBLISHER",
      `${issuer} issues the class; a publisher is another carrier`,
    );
  if (!carriers(ctx).carrier(p.carrier))
    throw new TelchainError("VOUCHERS_UNKNOWN_CARRIER", `no carrier ${p.carrier} is registered`);
  if (carriers(ctx).carrierOfOperator(p.payee) !== p.carrier)
    throw new TelchainError(
      "VOUCHERS_BAD_PAYEE",
      `the publisher's payout address ${encodeAddress(p.payee)} is not an operator key of ${p.carrier}`,
    );
}

export const publish = defineKind({
  payload: PublishPayload,
  parse(p) {
    checkId(p.classId, "the class id");
    positive(p.units, "units per purchase");
    positive(p.price, "the price");
    positive(p.stock, "the stock");
    times(p.units, BigInt(p.stock), "units per purchase times the stock");
    if (!Number.isSafeInteger(p.end))
      throw new TelchainError("VOUCHERS_BAD_END", `the end height ${p.end} is past 2^53 − 1`);
    for (const pub of p.publisher)
      if (pub.feeBps > MAX_FEE_BPS)
        throw new TelchainError("VOUCHERS_BAD_FEE", `a publisher fee is 0 to 10000 bps; got ${pub.feeBps}`);
    return p;
  },
  apply(ctx, p) {
    const c = liveClass(ctx, p.classId);
    ensureIssuer(ctx, c);
    const height = ctx.block.height;
    if (p.end < height || p.end > c.expiry)
      throw new TelchainError(
        "VOUCHERS_BAD_END",
        `the end height ${p.end} must be from ${height} (this block) to the class's expiry ${c.expiry}`,
      );
    ensureIssuable(c, p.units * BigInt(p.stock));
    for (const pub of p.publisher) checkPublisher(ctx, c.issuer, pub);
    const id = nextId(ctx.state, "offer");
    writeOffer(ctx.state, id, {
      id,
      classId: c.id,
      issuer: c.issuer,
      units: p.units,
      price: p.price,
      publisher: p.publisher,
      payee: ctx.sender,
      stock: p.stock,
      sold: 0,
      end: p.end,
      publishedAt: height,
    });
    queuePrune(ctx.state, p.end, { kind: PRUNE_KINDS.indexOf("offer"), id });
    recordCreated(ctx.state, ctx.txHash, "offer", id);
  },
  toJSON: (p) => ({
    classId: p.classId,
    units: p.units.toString(),
    price: p.price.toString(),
    publisher:
      p.publisher.map((x) => ({ carrier: x.carrier, payee: encodeAddress(x.payee), feeBps: x.feeBps }))[0] ??
      null,
    stock: p.stock,
    end: p.end,
  }),
});

export const buy = defineKind({
  payload: BuyPayload,
  parse: (p) => ({ offerId: checkId(p.offerId, "the offer id"), count: positive(p.count, "the count") }),
  apply(ctx, a) {
    const o = readOffer(ctx.state, a.offerId);
    if (!o) {
      if (a.offerId <= lastId(ctx.state, "offer"))
        throw new TelchainError("VOUCHERS_OFFER_ENDED", `offer ${a.offerId} has ended and was pruned`);
      throw new TelchainError("VOUCHERS_NO_OFFER", `no offer ${a.offerId}`);
    }
    const height = ctx.block.height;
    if (height > o.end)
      throw new TelchainError(
        "VOUCHERS_OFFER_ENDED",
        `offer ${o.id} ended at height ${o.end} (now ${height})`,
      );
    if (a.count > o.stock)
      throw new TelchainError(
        "VOUCHERS_OUT_OF_STOCK",
        o.stock === 0
          ? `offer ${o.id} is sold out (${o.sold} purchases)`
          : `offer ${o.id} has ${o.stock} purchases left, fewer than ${a.count}`,
      );
    const c = liveClass(ctx, o.classId);
    const units = times(o.units, BigInt(a.count), "units per purchase times the count");
    const total = times(o.price, BigInt(a.count), "the price times the count");
    ensureIssuable(c, units);
    const pub = o.publisher[0];
    const split = splitPrice(total, pub?.feeBps ?? 0);
    ctx.accounts.debit(ctx.sender, total);
    if (split.issuer > 0n) ctx.accounts.credit(o.payee, split.issuer);
    if (pub && split.publisher > 0n) ctx.accounts.credit(pub.payee, split.publisher);
    addUnits(ctx.state, c, ctx.sender, units);
    c.issued += units;
    writeClass(ctx.state, c.id, c);
    writeOffer(ctx.state, o.id, { ...o, stock: o.stock - a.count, sold: o.sold + a.count });
  },
});
