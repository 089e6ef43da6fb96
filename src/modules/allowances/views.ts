/**
 * What the allowances module shows (API and CLI): a grant with what is left of it, computed at
 * the height the next transaction runs at (the head's height + 1), since that is where the next
 * pull lands. Amounts are decimal strings (uint64), addresses tel1…, heights integers.
 */
import { type Static, Type } from "@sinclair/typebox";
import { OrNull } from "../../api/schemas.js";
import { encodeAddress } from "../../crypto/address.js";
import {
  expiredAt,
  periodEndsAt,
  periodIndexAt,
  remainingAt,
  remainingCap,
  spentInPeriodAt,
} from "./periods.js";
import type { GrantEntry } from "./schemas.js";

const Amount = (description: string) =>
  Type.String({ description: `${description} (coin base units, decimal)` });
const Address = (description: string) => Type.String({ description: `${description} (tel1…)` });
const Height = (description: string) => Type.Integer({ minimum: 0, description: `${description} (height)` });

export const GrantSchema = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  payer: Address("who pays: the grant's sender"),
  grantee: Address("who may pull"),
  limit: Amount("most pulled per period"),
  period: Type.Integer({ minimum: 1, description: "blocks per period, counted from `start`" }),
  cap: OrNull(Amount("most pulled in total; null: no cap")),
  expiry: OrNull(Height("the first height no pull is allowed at; null: none")),
  recipients: Type.Array(Type.String(), {
    description: "the addresses a pull may pay (tel1…); empty: any address",
  }),
  start: Height("the block that created it: period 0 begins there"),
  at: Height("the height the fields below are computed for: the head's + 1, where the next pull runs"),
  periodIndex: Type.Integer({ minimum: 0, description: "the period `at` falls in (0, 1, …)" }),
  periodEndsAt: Height("the first height of the next period"),
  spentThisPeriod: Amount("pulled in the period of `at`"),
  remainingThisPeriod: Amount(
    "what a pull at `at` may take: max(0, limit − spent), within the cap; 0 once expired",
  ),
  spentTotal: Amount("pulled in total"),
  remainingCap: OrNull(Amount("cap − spentTotal; null: no cap")),
  expired: Type.Boolean({ description: "no pull is allowed at `at` (it waits to be pruned)" }),
});
export type GrantView = Static<typeof GrantSchema>;

/** A grant as shown at the head `head` (computed at head + 1). */
export function grantView(g: GrantEntry, head: number): GrantView {
  const at = head + 1;
  const cap = remainingCap(g);
  return {
    id: g.id,
    payer: encodeAddress(g.payer),
    grantee: encodeAddress(g.grantee),
    limit: g.limit.toString(),
    period: g.period,
    cap: g.cap === 0n ? null : g.cap.toString(),
    expiry: g.expiry === 0 ? null : g.expiry,
    recipients: g.recipients.map(encodeAddress),
    start: g.start,
    at,
    periodIndex: periodIndexAt(g, at),
    periodEndsAt: periodEndsAt(g, at),
    spentThisPeriod: spentInPeriodAt(g, at).toString(),
    remainingThisPeriod: remainingAt(g, at).toString(),
    spentTotal: g.spentTotal.toString(),
    remainingCap: cap === undefined ? null : cap.toString(),
    expired: expiredAt(g, at),
  };
}
