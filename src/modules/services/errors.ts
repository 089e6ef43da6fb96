/** Every code the services module refuses with (kinds, routes and CLI). */
import { defineErrors, type ErrorClass } from "../../errors.js";

const is = (c: ErrorClass, description: string) => ({ class: c, description });

export const SERVICES_ERRORS = defineErrors("services", {
  SERVICES_BAD_ID: is("invalid", "Not a listing or channel id (a whole number from 1 to 2^53 − 1)."),
  SERVICES_BAD_KIND: is("invalid", "A service kind is vpn, hotspot or roaming-data (0, 1, 2 in a payload)."),
  SERVICES_BAD_UNIT: is("invalid", "A unit is mb or minute (0, 1 in a payload)."),
  SERVICES_BAD_REGION: is(
    "invalid",
    "A region is an assigned ISO 3166-1 alpha-2 code in capitals (DE, US, …).",
  ),
  SERVICES_BAD_PRICE: is(
    "invalid",
    "A price is a whole number of coin base units per unit from 1 to 2^64 − 1 (a maxPrice too).",
  ),
  SERVICES_BAD_ENDPOINT: is(
    "invalid",
    "An endpoint is 1 to 256 bytes of printable ASCII without spaces: scheme://host:port[/…] or a multiaddr /ip4|ip6|dns|dns4|dns6/<host>/tcp|udp/<port>[/…].",
  ),
  SERVICES_BAD_BOND: is("invalid", "The bond is below the chain's minimum bond (genesis minBond)."),
  SERVICES_BAD_SCORE: is("invalid", "A rating's score is a whole number from 1 to 5."),
  SERVICES_BAD_LIMIT: is("invalid", "A search's limit is a whole number from 1 to 100."),
  SERVICES_TOO_MANY: is(
    "conflict",
    "The provider already has the most listings allowed (genesis maxListingsPerProvider): withdraw one first.",
  ),
  SERVICES_NO_LISTING: is("not-found", "No listing has this id (never made, or withdrawn)."),
  SERVICES_NOT_PROVIDER: is(
    "forbidden",
    "Only the listing's provider may send a heartbeat for it or withdraw it.",
  ),
  SERVICES_TOO_EARLY: is(
    "conflict",
    "The bond can be withdrawn only from heardAt + heartbeatPeriod + withdrawDelay on (a lapsed listing, after the delay).",
  ),
  SERVICES_NO_CHANNEL: is("not-found", "The rating names a channel that does not exist."),
  SERVICES_CHANNEL_NOT_CLOSED: is(
    "conflict",
    "A rating needs a closed channel (open or closing ones cannot rate).",
  ),
  SERVICES_NOT_PAYER: is("forbidden", "Only the channel's payer may rate with it."),
  SERVICES_WRONG_PROVIDER: is("forbidden", "The channel's payee is not the listing's provider."),
  SERVICES_UNPAID: is("conflict", "The channel paid nothing to the provider: a rating needs a paid channel."),
  SERVICES_SELF_RATING: is("forbidden", "A provider cannot rate its own listing."),
  SERVICES_ALREADY_RATED: is(
    "conflict",
    "This channel has already been used for a rating (one per channel).",
  ),
});
