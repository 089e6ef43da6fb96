/**
 * grant: the sender (the payer) lets a grantee pull up to `limit` coin base units per period of
 * `period` blocks from its account, counted from this block; optionally up to `cap` in total,
 * until `expiry`, and only to the addresses in `recipients`. Several grants between the same pair
 * are allowed, each its own id; a payer has at most MAX_GRANTS_PER_PAYER open at once.
 */

import { equalBytes } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { GrantPayload } from "../schemas.js";
import { createGrant, openGrantsOf } from "../store.js";
import { isZero, positive } from "./common.js";

/** The longest period, in blocks. */
export const MAX_PERIOD_BLOCKS = 100_000_000;
/** The most open grants a payer may have (expired ones count until pruned). */
export const MAX_GRANTS_PER_PAYER = 100;

const fail = (code: string, message: string) => new TelchainError(code, message);

export const grant = defineKind({
  payload: GrantPayload,
  parse(p) {
    positive(p.limit, "the limit");
    if (p.period < 1 || p.period > MAX_PERIOD_BLOCKS)
      throw fail(
        "ALLOWANCES_BAD_PERIOD",
        `the period must be 1 to ${MAX_PERIOD_BLOCKS} blocks; got ${p.period}`,
      );
    if (!Number.isSafeInteger(p.expiry))
      throw fail("ALLOWANCES_BAD_EXPIRY", `the expiry height ${p.expiry} is past 2^53 − 1`);
    if (isZero(p.grantee)) throw fail("ALLOWANCES_BAD_GRANTEE", "the grantee is the all-zero address");
    p.recipients.forEach((r, i) => {
      if (isZero(r)) throw fail("ALLOWANCES_BAD_RECIPIENTS", "a recipient is the all-zero address");
      if (p.recipients.findIndex((o) => equalBytes(o, r)) !== i)
        throw fail("ALLOWANCES_BAD_RECIPIENTS", `recipient ${encodeAddress(r)} is listed twice`);
    });
    return p;
  },
  apply(ctx, p) {
    const height = ctx.block.height;
    if (equalBytes(p.grantee, ctx.sender))
      throw fail("ALLOWANCES_BAD_GRANTEE", "a payer cannot grant an allowance to itself");
    if (p.expiry !== 0 && p.expiry <= height)
      throw fail(
        "ALLOWANCES_BAD_EXPIRY",
        `the expiry height ${p.expiry} must be above this block's height ${height} (or 0: none)`,
      );
    const open = openGrantsOf(ctx.state, ctx.sender);
    if (open >= MAX_GRANTS_PER_PAYER)
      throw fail(
        "ALLOWANCES_TOO_MANY",
        `the payer has ${open} open grants, the most allowed: revoke one first`,
      );
    createGrant(ctx.state, ctx.txHash, {
      payer: ctx.sender,
      ...p,
      start: height,
      periodIndex: 0,
      spentInPeriod: 0n,
      spentTotal: 0n,
    });
  },
  toJSON: (p) => ({
    grantee: encodeAddress(p.grantee),
    limit: p.limit.toString(),
    period: p.period,
    cap: p.cap.toString(),
    expiry: p.expiry,
    recipients: p.recipients.map(encodeAddress),
  }),
  parties: (p) => [p.grantee],
});
