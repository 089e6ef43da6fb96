/**
 * How a channel ends.
 *
 * close: the PAYEE, with the best voucher it holds, up to and at the expiry — or, when the payer
 * started an early close, until the dispute window ends (even past the expiry), with a voucher
 * for at least the payer's stated amount. The voucher is checked by check.ts (the same check as
 * the route's) under the payer's authorising key at this height. The payee gets the amount, the
 * payer the rest.
 *
 * start-close: the PAYER, while open and not expired, states what it owes (≤ the deposit; 0
 * allowed): the channel is closing until height + disputeWindow (`settlesAt`).
 *
 * settle: anyone, once closing and height ≥ settlesAt: the stated amount to the payee, the rest
 * to the payer.
 *
 * reclaim: the PAYER, after the expiry (height > expiry), while open: everything back to it. A
 * closing channel is not reclaimed but settled: the payer named what it owes, and reclaiming
 * would let it take that back by starting a close just before the expiry.
 */
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { termsOfEntry, voucherRefusal } from "../check.js";
import { paramsOf } from "../params.js";
import { ChannelIdPayload, ClosePayload, StartClosePayload } from "../schemas.js";
import { writeChannel } from "../store.js";
import {
  channelOf,
  checkId,
  ensureNotClosed,
  ensureNotExpired,
  ensurePayee,
  ensurePayer,
  hex,
  payOut,
} from "./common.js";

const fail = (code: string, message: string) => new TelchainError(code, message);

export const close = defineKind({
  payload: ClosePayload,
  parse(p) {
    checkId(p.channel);
    if (p.amount < 1n) throw fail("CHANNELS_BAD_AMOUNT", "a voucher's amount must be at least 1 base unit");
    return p;
  },
  apply(ctx, p) {
    const c = channelOf(ctx.state, p.channel);
    ensurePayee(c, ctx.sender);
    const key = ctx.accounts.authorisingKey(c.payer);
    const no = voucherRefusal(termsOfEntry(c), ctx.block.height, ctx.block.chainId, p, key);
    if (no) throw no;
    payOut(ctx, c, p.amount, "close");
  },
  toJSON: (p) => ({ channel: p.channel, amount: p.amount.toString(), signature: hex(p.signature) }),
});

export const startClose = defineKind({
  payload: StartClosePayload,
  parse: (p) => ({ channel: checkId(p.channel), amount: p.amount }),
  apply(ctx, p) {
    const h = ctx.block.height;
    const c = channelOf(ctx.state, p.channel);
    ensurePayer(c, ctx.sender, "start an early close");
    ensureNotClosed(c, "it is already closing");
    ensureNotExpired(c, h);
    if (p.amount > c.deposit)
      throw fail(
        "CHANNELS_ABOVE_DEPOSIT",
        `the stated ${p.amount} is above channel ${c.id}'s deposit ${c.deposit}`,
      );
    writeChannel(ctx.state, c.id, {
      ...c,
      status: 1,
      stated: p.amount,
      settlesAt: h + paramsOf(ctx.state).disputeWindow,
    });
  },
  toJSON: (p) => ({ channel: p.channel, amount: p.amount.toString() }),
});

export const settle = defineKind({
  payload: ChannelIdPayload,
  parse: (p) => ({ channel: checkId(p.channel) }),
  apply(ctx, p) {
    const h = ctx.block.height;
    const c = channelOf(ctx.state, p.channel);
    ensureNotClosed(c, undefined);
    if (c.status !== 1)
      throw fail("CHANNELS_NOT_CLOSING", `channel ${c.id} is open, not in an early close: nothing to settle`);
    if (h < c.settlesAt)
      throw fail(
        "CHANNELS_WINDOW_OPEN",
        `channel ${c.id}'s dispute window is open until height ${c.settlesAt} (now ${h})`,
      );
    payOut(ctx, c, c.stated, "settle");
  },
  toJSON: (p) => ({ channel: p.channel }),
});

export const reclaim = defineKind({
  payload: ChannelIdPayload,
  parse: (p) => ({ channel: checkId(p.channel) }),
  apply(ctx, p) {
    const h = ctx.block.height;
    const c = channelOf(ctx.state, p.channel);
    ensurePayer(c, ctx.sender, "reclaim it");
    ensureNotClosed(c, "settle it after the dispute window instead");
    if (h <= c.expiry)
      throw fail(
        "CHANNELS_NOT_EXPIRED",
        `channel ${c.id} expires at height ${c.expiry}: it may be reclaimed from height ${c.expiry + 1} (now ${h})`,
      );
    payOut(ctx, c, 0n, "reclaim");
  },
  toJSON: (p) => ({ channel: p.channel }),
});
