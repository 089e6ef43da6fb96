/**
 * pull: the grantee moves `amount` coin base units from the payer to `to` (all-zero: itself),
 * within what is left of the period's limit and of the cap, before the expiry, to an allowed
 * recipient. The coins move with the core's accounts keeper, so a payer whose balance is too low
 * refuses it with ACCOUNT_INSUFFICIENT_FUNDS, and a payer locked by the recovery module with the
 * core's lock code. A pull that reaches the cap deletes the grant (exhausted).
 *
 * spentTotal is a Uint128: each pull adds at most 2^64 − 1, so it cannot overflow in any
 * number of pulls a chain could include.
 */

import { equalBytes } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { expiredAt, remainingCap, rolledTo } from "../periods.js";
import { PullPayload } from "../schemas.js";
import { removeGrant, writeGrant } from "../store.js";
import { checkId, grantOf, isZero, positive } from "./common.js";

export const pull = defineKind({
  payload: PullPayload,
  parse: (p) => ({ grant: checkId(p.grant), amount: positive(p.amount, "the amount"), to: p.to }),
  apply(ctx, a) {
    const h = ctx.block.height;
    const g = grantOf(ctx.state, a.grant);
    if (!equalBytes(g.grantee, ctx.sender))
      throw new TelchainError("ALLOWANCES_NOT_GRANTEE", `only grant ${g.id}'s grantee may pull from it`);
    if (expiredAt(g, h))
      throw new TelchainError(
        "ALLOWANCES_EXPIRED",
        `grant ${g.id} expired at height ${g.expiry}: no pull at height ${h}`,
      );
    const to = isZero(a.to) ? ctx.sender : a.to;
    if (g.recipients.length > 0 && !g.recipients.some((r) => equalBytes(r, to)))
      throw new TelchainError(
        "ALLOWANCES_RECIPIENT_NOT_ALLOWED",
        `grant ${g.id} pays only its ${g.recipients.length} listed recipients, not ${encodeAddress(to)}`,
      );
    const r = rolledTo(g, h);
    const left = r.limit > r.spentInPeriod ? r.limit - r.spentInPeriod : 0n;
    if (a.amount > left)
      throw new TelchainError(
        "ALLOWANCES_PERIOD_LIMIT",
        `grant ${g.id} has ${left} of its ${r.limit} left this period (period ${r.periodIndex}); asked ${a.amount}`,
      );
    const capLeft = remainingCap(r);
    if (capLeft !== undefined && a.amount > capLeft)
      throw new TelchainError(
        "ALLOWANCES_CAP_EXCEEDED",
        `grant ${g.id} has ${capLeft} of its cap ${r.cap} left; asked ${a.amount}`,
      );
    ctx.accounts.debit(r.payer, a.amount);
    ctx.accounts.credit(to, a.amount);
    const after = { ...r, spentInPeriod: r.spentInPeriod + a.amount, spentTotal: r.spentTotal + a.amount };
    if (capLeft === a.amount) removeGrant(ctx.state, after);
    else writeGrant(ctx.state, g.id, after);
  },
  toJSON: (p) => ({
    grant: p.grant,
    amount: p.amount.toString(),
    to: isZero(p.to) ? null : encodeAddress(p.to),
  }),
  parties: (a) => (isZero(a.to) ? [] : [a.to]),
});
