/**
 * SSZ schemas of the services module: the payloads of its kinds and its stored values (keys:
 * store.ts). Coin amounts are uint64 base units (bigint); ids and heights Uint53.
 *
 * Contract: the metering proxy sends `list` and `heartbeat` through CliContext.callByName with
 * the JSON forms of these payloads ({kind: 0, region: "DE", price: "100", unit: 0, endpoint:
 * "socks5://127.0.0.1:1080", bond: "1000"}; {listing: 1}): keep the field names.
 */
import type { ValueOf } from "@chainsafe/ssz";
import { Bytes32, container, Uint8, Uint53, Uint64 } from "../../codec/schema.js";
import { text } from "../../codec/text.js";

/** Service kinds, by their payload number. */
export const KINDS = ["vpn", "hotspot", "roaming-data"] as const;
export type ServiceKind = (typeof KINDS)[number];
/** Units a price is per, by their payload number. */
export const UNITS = ["mb", "minute"] as const;
export type ServiceUnit = (typeof UNITS)[number];

/** Two capitals; list membership (regions.ts) is checked by `list`'s parse. */
export const RegionText = text({
  maxBytes: 2,
  minBytes: 2,
  pattern: /^[A-Z]{2}$/,
  describe: "an ISO 3166-1 alpha-2 code in capitals (DE)",
  name: "region",
  code: "SERVICES_BAD_REGION",
});

/** 1-256 bytes of printable ASCII without spaces; its form is checked by `list`'s parse (endpoint.ts). */
export const EndpointText = text({
  maxBytes: 256,
  minBytes: 1,
  pattern: /^[\x21-\x7e]+$/,
  describe: "1-256 bytes of printable ASCII without spaces",
  name: "endpoint",
  code: "SERVICES_BAD_ENDPOINT",
});

const OFFER = {
  /** 0 vpn, 1 hotspot, 2 roaming-data. */
  kind: Uint8,
  region: RegionText,
  /** Coin base units per unit (≥ 1). */
  price: Uint64,
  /** 0 mb, 1 minute. */
  unit: Uint8,
  endpoint: EndpointText,
};

/**
 * A listing at l/<id>. `heardAt` is the height of its last heartbeat (or of `list`); it is
 * live while h ≤ heardAt + heartbeatPeriod. `listed` says whether it is in the search indexes
 * (cleared by the end of block once it has lapsed, set again by a heartbeat). Ratings: how
 * many and the sum of their scores.
 */
export const ListingEntry = container("ServicesListing", {
  id: Uint53,
  provider: Bytes32,
  ...OFFER,
  bond: Uint64,
  createdAt: Uint53,
  heardAt: Uint53,
  listed: Uint8,
  ratings: Uint53,
  scoreSum: Uint53,
});
export type ListingEntry = ValueOf<typeof ListingEntry>;

/** The parameters in force (key p), from the genesis section (params.ts). */
export const ParamsEntry = container("ServicesParams", {
  minBond: Uint64,
  heartbeatPeriod: Uint53,
  withdrawDelay: Uint53,
  maxListingsPerProvider: Uint53,
});
export type ServicesParams = ValueOf<typeof ParamsEntry>;

/** The lapse-check cursor (key t): the next height bucket of the queue and the item in it. */
export const LapseCursor = container("ServicesLapseCursor", { bucket: Uint53, index: Uint53 });
export type LapseCursor = ValueOf<typeof LapseCursor>;

/** What a transaction can create (n/x/<tx hash>): so the CLI finds the id a listing got. */
export const CREATED = ["listing"] as const;

// ---------------------------------------------------------------- payloads

/** `list`: the sender (provider) offers a service and bonds `bond` (≥ minBond). */
export const ListPayload = container("ServicesList", { ...OFFER, bond: Uint64 });
/** `heartbeat` and `withdraw`: the listing id. */
export const ListingIdPayload = container("ServicesListingId", { listing: Uint53 });
/** `rate`: a score 1..5, bound to a closed channel the sender paid the provider through. */
export const RatePayload = container("ServicesRate", { listing: Uint53, channel: Uint53, score: Uint8 });
