/**
 * Moving units:
 *   issue     an operator of the issuer → any address (within the cap)
 *   transfer  a holder → any address, transferable classes only (transfer-memo: with an
 *             encrypted memo for the two parties)
 *   redeem    a holder burns units and names the issuer's subscriber reference; the record joins
 *             the issuer's redemption log (the feed). Only the issuer serves the goods.
 * Nothing moves once the class has expired. There is no revoke: what a subscriber holds is
 * theirs until expiry.
 */
import { memoJson } from "../../../codec/memo.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import { defineKind, type ValueOf } from "../../../module/kind.js";
import { MoveMemoPayload, MovePayload, RedeemPayload } from "../schemas.js";
import { addUnits, appendRedemption, removeUnits, writeClass } from "../store.js";
import { checkId, ensureIssuable, ensureIssuer, liveClass, positive } from "./common.js";

const parseMove = (p: ValueOf<typeof MovePayload>) => ({
  classId: checkId(p.classId, "the class id"),
  to: p.to,
  amount: positive(p.amount, "the amount"),
});
const moveJson = (p: ValueOf<typeof MovePayload>) => ({
  classId: p.classId,
  to: encodeAddress(p.to),
  amount: p.amount.toString(),
});

export const issue = defineKind({
  payload: MovePayload,
  parse: parseMove,
  apply(ctx, a) {
    const c = liveClass(ctx, a.classId);
    ensureIssuer(ctx, c);
    ensureIssuable(c, a.amount);
    addUnits(ctx.state, c, a.to, a.amount);
    c.issued += a.amount;
    writeClass(ctx.state, c.id, c);
  },
  toJSON: moveJson,
  parties: (a) => [a.to],
});

function applyTransfer(ctx: TxContext, a: ReturnType<typeof parseMove>): void {
  const c = liveClass(ctx, a.classId);
  if (!c.transferable)
    throw new TelchainError(
      "VOUCHERS_NOT_TRANSFERABLE",
      `class ${c.id} is not transferable: its units are only issued and redeemed`,
    );
  removeUnits(ctx.state, c, ctx.sender, a.amount);
  addUnits(ctx.state, c, a.to, a.amount);
  writeClass(ctx.state, c.id, c);
}

export const transfer = defineKind({
  payload: MovePayload,
  parse: parseMove,
  apply: applyTransfer,
  toJSON: moveJson,
  parties: (a) => [a.to],
});

/** A transfer with an encrypted memo (src/codec/memo.ts): the same rules; the chain checks only the memo's sizes. */
export const transferMemo = defineKind({
  payload: MoveMemoPayload,
  parse: (p: ValueOf<typeof MoveMemoPayload>) => parseMove(p),
  apply: applyTransfer,
  toJSON: (p) => ({ ...moveJson(p), memo: memoJson(p.memo) }),
  parties: (a) => [a.to],
});

export const redeem = defineKind({
  payload: RedeemPayload,
  parse: (p) => ({
    classId: checkId(p.classId, "the class id"),
    amount: positive(p.amount, "the amount"),
    subscriber: p.subscriber,
  }),
  apply(ctx, a) {
    const c = liveClass(ctx, a.classId);
    removeUnits(ctx.state, c, ctx.sender, a.amount);
    c.redeemed += a.amount;
    writeClass(ctx.state, c.id, c);
    appendRedemption(ctx.state, c.issuer, {
      txHash: ctx.txHash,
      height: ctx.block.height,
      classId: c.id,
      units: a.amount,
      subscriber: a.subscriber,
      holder: ctx.sender,
    });
  },
  toJSON: (p) => ({ classId: p.classId, amount: p.amount.toString(), subscriber: p.subscriber }),
});
