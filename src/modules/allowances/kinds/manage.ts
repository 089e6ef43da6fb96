/**
 * change and revoke, by the payer only.
 *
 * change is a compare-and-set: it names the limit it expects the grant to have now, and is refused
 * (ALLOWANCES_STALE_LIMIT) when the limit is another. The amounts already pulled this period and in
 * total are kept, so a grantee that pulls the old limit just before a change lands in the same
 * period can pull only max(0, new − spent) more: never the old and the new limit both (the ERC-20
 * approve race).
 *
 * revoke deletes the grant at once; the next pull is refused with ALLOWANCES_NO_GRANT.
 */
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { expiredAt, rolledTo } from "../periods.js";
import { ChangePayload, RevokePayload } from "../schemas.js";
import { removeGrant, writeGrant } from "../store.js";
import { checkId, ensurePayer, grantOf, positive } from "./common.js";

export const change = defineKind({
  payload: ChangePayload,
  parse: (p) => ({
    grant: checkId(p.grant),
    expectedLimit: p.expectedLimit,
    limit: positive(p.limit, "the limit"),
  }),
  apply(ctx, a) {
    const h = ctx.block.height;
    const g = grantOf(ctx.state, a.grant);
    ensurePayer(g, ctx.sender);
    if (expiredAt(g, h))
      throw new TelchainError("ALLOWANCES_EXPIRED", `grant ${g.id} expired at height ${g.expiry}`);
    if (g.limit !== a.expectedLimit)
      throw new TelchainError(
        "ALLOWANCES_STALE_LIMIT",
        `grant ${g.id}'s limit is ${g.limit}, not the expected ${a.expectedLimit}`,
      );
    writeGrant(ctx.state, g.id, { ...rolledTo(g, h), limit: a.limit });
  },
  toJSON: (p) => ({ grant: p.grant, expectedLimit: p.expectedLimit.toString(), limit: p.limit.toString() }),
});

export const revoke = defineKind({
  payload: RevokePayload,
  parse: (p) => ({ grant: checkId(p.grant) }),
  apply(ctx, a) {
    const g = grantOf(ctx.state, a.grant);
    ensurePayer(g, ctx.sender);
    removeGrant(ctx.state, g);
  },
  toJSON: (p) => ({ grant: p.grant }),
});
