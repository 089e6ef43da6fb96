/**
 * What the channels module shows (API and CLI): a channel as stored, with the height the next
 * transaction runs at (`at`, the head's + 1) and what may happen there. Amounts are decimal
 * strings (uint64), addresses tel1…, heights integers.
 */
import { type Static, Type } from "@sinclair/typebox";
import { OrNull } from "../../api/schemas.js";
import { encodeAddress } from "../../crypto/address.js";
import { type ChannelEntry, HOW, STATUSES } from "./records.js";

const Amount = (description: string) =>
  Type.String({ description: `${description} (coin base units, decimal)` });
const Address = (description: string) => Type.String({ description: `${description} (tel1…)` });
const Height = (description: string) => Type.Integer({ minimum: 0, description: `${description} (height)` });

export const ChannelSchema = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  payer: Address("who opened it and signs vouchers (with its authorising key)"),
  payee: Address("who is paid: closes with the best voucher it holds"),
  deposit: Amount("locked by the payer (top-ups included): the most a voucher may be for"),
  expiry: Height("the last height the payee may close at; from the next one the payer may reclaim"),
  openedAt: Height("the block that opened it"),
  status: Type.Union([Type.Literal("open"), Type.Literal("closing"), Type.Literal("closed")], {
    description: "closing: the payer started an early close; closed: paid out (kept)",
  }),
  stated: OrNull(Amount("closing: what the payer says it owes (settle pays it)")),
  settlesAt: OrNull(Height("closing: the first height `settle` may run at; the payee may close before it")),
  paid: OrNull(Amount("closed: what the payee received (the payer got the rest of the deposit)")),
  closedAt: OrNull(Height("closed: the block that closed it")),
  how: OrNull(
    Type.Union([Type.Literal("close"), Type.Literal("settle"), Type.Literal("reclaim")], {
      description: "closed: by the payee's voucher, a settle after an early close, or the payer's reclaim",
    }),
  ),
  at: Height("the height the next transaction runs at (the head's + 1), for `expired`"),
  expired: Type.Boolean({
    description: "`at` is past the expiry: the payee can no longer close (outside a window)",
  }),
});
export type ChannelView = Static<typeof ChannelSchema>;

/** A channel as shown at the head `head`. */
export function channelView(c: ChannelEntry, head: number): ChannelView {
  const status = STATUSES[c.status] ?? "open";
  const at = head + 1;
  return {
    id: c.id,
    payer: encodeAddress(c.payer),
    payee: encodeAddress(c.payee),
    deposit: c.deposit.toString(),
    expiry: c.expiry,
    openedAt: c.openedAt,
    status,
    stated: status === "closing" ? c.stated.toString() : null,
    settlesAt: status === "closing" ? c.settlesAt : null,
    paid: status === "closed" ? c.paid.toString() : null,
    closedAt: status === "closed" ? c.closedAt : null,
    how: status === "closed" ? ((HOW[c.how] || "close") as ChannelView["how"]) : null,
    at,
    expired: at > c.expiry,
  };
}
