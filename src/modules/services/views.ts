/**
 * What the services module shows (API and CLI): a listing with its liveness at the head and its
 * rating. Amounts are decimal strings (uint64), addresses tel1…, heights integers.
 */
import { type Static, Type } from "@sinclair/typebox";
import { OneOf, OrNull } from "../../api/schemas.js";
import { encodeAddress } from "../../crypto/address.js";
import { KINDS, type ListingEntry, type ServicesParams, UNITS } from "./schemas.js";

const Amount = (description: string) =>
  Type.String({ description: `${description} (coin base units, decimal)` });
const Height = (description: string) => Type.Integer({ minimum: 0, description: `${description} (height)` });

export const ListingSchema = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  provider: Type.String({ description: "who offers it and gets paid (tel1…)" }),
  kind: OneOf(KINDS),
  region: Type.String({ description: "ISO 3166-1 alpha-2 code" }),
  price: Amount("per unit"),
  unit: OneOf(UNITS),
  endpoint: Type.String({ description: "where clients connect: scheme://host:port or a multiaddr" }),
  bond: Amount("locked until withdrawn"),
  createdAt: Height("the block that listed it"),
  heardAt: Height("its last heartbeat (or its listing)"),
  liveUntil: Height("the last height it is live at without another heartbeat: heardAt + heartbeatPeriod"),
  live: Type.Boolean({ description: "found by search at the head: head ≤ liveUntil" }),
  withdrawableFrom: Height("the first height its bond can be withdrawn at (without another heartbeat)"),
  rating: Type.Object({
    count: Type.Integer({ minimum: 0, description: "ratings left, one per paid and closed channel" }),
    average: OrNull(
      Type.Number({ minimum: 1, maximum: 5, description: "mean score, 2 decimals; null: none" }),
    ),
  }),
});
export type ListingView = Static<typeof ListingSchema>;

/** The last height `l` is live at. */
export const liveUntil = (l: ListingEntry, p: ServicesParams) => l.heardAt + p.heartbeatPeriod;
/** Whether `l` is live (found by search) at height `h`. */
export const liveAt = (l: ListingEntry, p: ServicesParams, h: number) => h <= liveUntil(l, p);

/** A listing as shown at the head `head`. */
export function listingView(l: ListingEntry, p: ServicesParams, head: number): ListingView {
  return {
    id: l.id,
    provider: encodeAddress(l.provider),
    kind: KINDS[l.kind] ?? "vpn",
    region: l.region,
    price: l.price.toString(),
    unit: UNITS[l.unit] ?? "mb",
    endpoint: l.endpoint,
    bond: l.bond.toString(),
    createdAt: l.createdAt,
    heardAt: l.heardAt,
    liveUntil: liveUntil(l, p),
    live: liveAt(l, p, head),
    withdrawableFrom: liveUntil(l, p) + p.withdrawDelay,
    rating: {
      count: l.ratings,
      average: l.ratings === 0 ? null : Math.round((l.scoreSum * 100) / l.ratings) / 100,
    },
  };
}
