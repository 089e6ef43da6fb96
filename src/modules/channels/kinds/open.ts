/**
 * open and top-up, by the payer.
 *
 * open: the sender (the payer) locks `deposit` (≥ 1) for `payee` (not itself, not all-zero) until
 * `expiry` (above this block's height, at most maxChannelLife after it); the coins leave its
 * account into the module's custody. A payer has at most maxOpenPerPayer channels not closed.
 *
 * top-up: the payer adds `amount` (0 allowed when the expiry moves) and moves the expiry to
 * `expiry` (0 keeps it; else at least the current one, at most maxChannelLife after this block),
 * while the channel is open (not closing) and not expired.
 */
import { equalBytes } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { paramsOf } from "../params.js";
import { OpenPayload, TopUpPayload } from "../schemas.js";
import { addCustody, createChannel, openChannelsOf, writeChannel } from "../store.js";
import {
  channelOf,
  checkId,
  ensureNotClosed,
  ensureNotExpired,
  ensurePayer,
  MAX_U64,
  ZERO_ADDRESS,
} from "./common.js";

const fail = (code: string, message: string) => new TelchainError(code, message);

function checkExpiry(expiry: number, height: number, life: number, floor: number): void {
  if (expiry <= height || expiry < floor || expiry > height + life)
    throw fail(
      "CHANNELS_BAD_EXPIRY",
      `the expiry height ${expiry} must be above this block's height ${height}${floor > 0 ? `, at least the channel's ${floor}` : ""} and at most ${height + life} (maxChannelLife ${life})`,
    );
}

export const open = defineKind({
  payload: OpenPayload,
  parse(p) {
    if (p.deposit < 1n) throw fail("CHANNELS_BAD_AMOUNT", "the deposit must be at least 1 base unit");
    if (equalBytes(p.payee, ZERO_ADDRESS))
      throw fail("CHANNELS_BAD_PAYEE", "the payee is the all-zero address");
    return p;
  },
  apply(ctx, p) {
    const h = ctx.block.height;
    const params = paramsOf(ctx.state);
    if (equalBytes(p.payee, ctx.sender))
      throw fail("CHANNELS_BAD_PAYEE", "a payer cannot open a channel to itself");
    checkExpiry(p.expiry, h, params.maxChannelLife, 0);
    const n = openChannelsOf(ctx.state, ctx.sender);
    if (n >= params.maxOpenPerPayer)
      throw fail(
        "CHANNELS_TOO_MANY",
        `the payer has ${n} channels not closed, the most allowed (${params.maxOpenPerPayer}): close one first`,
      );
    ctx.accounts.debit(ctx.sender, p.deposit);
    createChannel(ctx.state, ctx.txHash, {
      payer: ctx.sender,
      payee: p.payee,
      deposit: p.deposit,
      expiry: p.expiry,
      openedAt: h,
      status: 0,
      stated: 0n,
      settlesAt: 0,
      paid: 0n,
      closedAt: 0,
      how: 0,
    });
  },
  toJSON: (p) => ({ payee: encodeAddress(p.payee), deposit: p.deposit.toString(), expiry: p.expiry }),
  parties: (p) => [p.payee],
});

export const topUp = defineKind({
  payload: TopUpPayload,
  parse(p) {
    checkId(p.channel);
    if (p.amount === 0n && p.expiry === 0)
      throw fail(
        "CHANNELS_BAD_AMOUNT",
        "a top-up adds coins or moves the expiry (amount 0 and expiry 0 change nothing)",
      );
    return p;
  },
  apply(ctx, p) {
    const h = ctx.block.height;
    const c = channelOf(ctx.state, p.channel);
    ensurePayer(c, ctx.sender, "top it up");
    ensureNotClosed(c, "it can no longer be topped up");
    ensureNotExpired(c, h);
    if (p.expiry !== 0) checkExpiry(p.expiry, h, paramsOf(ctx.state).maxChannelLife, c.expiry);
    if (c.deposit + p.amount > MAX_U64)
      throw fail("CHANNELS_OVERFLOW", `channel ${c.id}'s deposit would pass 2^64 − 1`);
    if (p.amount > 0n) {
      ctx.accounts.debit(ctx.sender, p.amount);
      addCustody(ctx.state, p.amount);
    }
    writeChannel(ctx.state, c.id, { ...c, deposit: c.deposit + p.amount, expiry: p.expiry || c.expiry });
  },
  toJSON: (p) => ({ channel: p.channel, amount: p.amount.toString(), expiry: p.expiry }),
});
