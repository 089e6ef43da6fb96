/**
 * The search over live listings (GET /v1/services, `telchain services`): filters kind, region
 * and maxPrice, all optional; live listings sorted by price ascending, then average rating
 * descending (unrated last among equals), then id.
 *
 * Bounded work: it scans the search index that fits the filters — kind and region
 * (s/<kind>/<region>/), kind (k/<kind>/), region (the three s/<kind>/<region>/), or none (a/) —
 * whose keys sort by price, at most SEARCH_SCAN entries per scanned prefix (so at most
 * 3 × SEARCH_SCAN index entries and listing reads per request), and stops a prefix at the first
 * price above maxPrice. The indexes hold listed listings only: the end of block unlists lapsed
 * ones (lapse.ts), so they are mostly live. When a scan hits the bound, `truncated` is true: the
 * answer holds the cheapest SEARCH_SCAN listings of that prefix (ties at the last price may miss).
 */
import { TelchainError } from "../../errors.js";
import type { QueryContext } from "../../module/interface.js";
import { paramsOf } from "./params.js";
import { isRegion } from "./regions.js";
import { KINDS, type ListingEntry, type ServiceKind } from "./schemas.js";
import { byKind, byKindRegion, readListing, searchAll } from "./store.js";
import { type ListingView, listingView, liveAt } from "./views.js";

/** Index entries read at most per scanned prefix. */
export const SEARCH_SCAN = 1_000;
export const MAX_SEARCH_LIMIT = 100;
export const DEFAULT_SEARCH_LIMIT = 20;
const MAX_U64 = (1n << 64n) - 1n;

export interface SearchQuery {
  kind?: string;
  region?: string;
  maxPrice?: string;
  limit?: string;
}

export interface SearchFilters {
  kind?: ServiceKind;
  region?: string;
  maxPrice?: bigint;
  limit: number;
}

/** Checks a search's raw filters with the module's codes. */
export function parseSearch(q: SearchQuery): SearchFilters {
  const out: SearchFilters = { limit: DEFAULT_SEARCH_LIMIT };
  if (q.kind !== undefined) {
    if (!(KINDS as readonly string[]).includes(q.kind))
      throw new TelchainError(
        "SERVICES_BAD_KIND",
        `kind must be vpn, hotspot or roaming-data; got ${JSON.stringify(q.kind.slice(0, 40))}`,
      );
    out.kind = q.kind as ServiceKind;
  }
  if (q.region !== undefined) {
    if (!isRegion(q.region))
      throw new TelchainError(
        "SERVICES_BAD_REGION",
        `region must be an assigned ISO 3166-1 alpha-2 code in capitals (DE); got ${JSON.stringify(q.region.slice(0, 40))}`,
      );
    out.region = q.region;
  }
  if (q.maxPrice !== undefined) {
    const ok = /^[0-9]{1,20}$/.test(q.maxPrice) && BigInt(q.maxPrice) >= 1n && BigInt(q.maxPrice) <= MAX_U64;
    if (!ok)
      throw new TelchainError(
        "SERVICES_BAD_PRICE",
        `maxPrice must be a whole number from 1 to 2^64 − 1; got ${JSON.stringify(q.maxPrice.slice(0, 40))}`,
      );
    out.maxPrice = BigInt(q.maxPrice);
  }
  if (q.limit !== undefined) {
    const n = /^[0-9]{1,3}$/.test(q.limit) ? Number(q.limit) : 0;
    if (n < 1 || n > MAX_SEARCH_LIMIT)
      throw new TelchainError(
        "SERVICES_BAD_LIMIT",
        `limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}; got ${JSON.stringify(q.limit.slice(0, 40))}`,
      );
    out.limit = n;
  }
  return out;
}

function prefixes(f: SearchFilters): Uint8Array[] {
  if (f.kind && f.region) return [byKindRegion.prefix(`${f.kind}/${f.region}`)];
  if (f.kind) return [byKind.prefix(f.kind)];
  if (f.region) return KINDS.map((k) => byKindRegion.prefix(`${k}/${f.region}`));
  return [searchAll];
}

/** b's average rating against a's: positive when b's is higher (unrated counts as 0). */
const byRatingDesc = (a: ListingEntry, b: ListingEntry) => {
  const left = BigInt(b.scoreSum) * BigInt(a.ratings || 1) * (b.ratings ? 1n : 0n);
  const right = BigInt(a.scoreSum) * BigInt(b.ratings || 1) * (a.ratings ? 1n : 0n);
  return left === right ? 0 : left > right ? 1 : -1;
};

export function searchListings(
  q: QueryContext,
  f: SearchFilters,
): { items: ListingView[]; truncated: boolean } {
  const state = q.state();
  const params = paramsOf(state);
  const head = q.height();
  const found: ListingEntry[] = [];
  let truncated = false;
  for (const prefix of prefixes(f)) {
    const rows = q.scan(prefix, SEARCH_SCAN);
    let stopped = false;
    for (const { key } of rows) {
      const tail = new TextDecoder().decode(key.subarray(prefix.length));
      const price = BigInt(tail.slice(0, 20));
      if (f.maxPrice !== undefined && price > f.maxPrice) {
        stopped = true;
        break;
      }
      const l = readListing(state, Number(tail.slice(20)));
      if (l && liveAt(l, params, head)) found.push(l);
    }
    if (rows.length === SEARCH_SCAN && !stopped) truncated = true;
  }
  found.sort((a, b) =>
    a.price !== b.price ? (a.price < b.price ? -1 : 1) : byRatingDesc(a, b) || a.id - b.id,
  );
  return { items: found.slice(0, f.limit).map((l) => listingView(l, params, head)), truncated };
}
