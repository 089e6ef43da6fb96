/** Human output of the services CLI: one listing as aligned lines, a search hit as one line. */
import { keyValues } from "../../cli/output.js";
import type { ListingView } from "./views.js";

const rating = (l: ListingView) =>
  l.rating.average === null
    ? "none"
    : `${l.rating.average} (${l.rating.count} rating${l.rating.count === 1 ? "" : "s"})`;

export function formatListing(l: ListingView): string {
  return keyValues([
    ["listing", l.id],
    ["provider", l.provider],
    ["service", `${l.kind} in ${l.region}`],
    ["price", `${l.price} per ${l.unit}`],
    ["endpoint", l.endpoint],
    ["bond", l.bond],
    ["heard at", `height ${l.heardAt}`],
    ["live", l.live ? `yes, until height ${l.liveUntil}` : `NO (lapsed after height ${l.liveUntil})`],
    ["withdraw from", `height ${l.withdrawableFrom}`],
    ["rating", rating(l)],
  ]);
}

export const listingLine = (l: ListingView) =>
  `${String(l.id).padEnd(6)} ${l.kind.padEnd(12)} ${l.region}  ${`${l.price}/${l.unit}`.padEnd(16)} ${rating(l).padEnd(18)} ${l.endpoint}  ${l.provider}${l.live ? "" : "  LAPSED"}`;
