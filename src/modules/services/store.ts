/**
 * State layout of the services module (keys relative to m/services/; ids and heights in keys are
 * 16-digit zero-padded decimals, prices 20 digits, so keys sort by number):
 *
 *   p                                   -> ServicesParams  the genesis parameters (absent: defaults)
 *   n/l                                 -> Uint53          the last listing id (ids are never reused)
 *   n/x/<tx hash 32>                    -> CreatedByTx     the listing a transaction created
 *   l/<id>                              -> ListingEntry    a listing (deleted when withdrawn)
 *   P/<provider 32><id>                 -> 0x01            index: a provider's listings
 *   o/<provider 32>                     -> u32 BE          a provider's listings (≤ maxListingsPerProvider)
 *   a/<price 20><id>                    -> 0x01            search index, every listed listing
 *   k/<kind>/<price 20><id>             -> 0x01            search index by kind
 *   s/<kind>/<region>/<price 20><id>    -> 0x01            search index by kind and region
 *   e/<height>/n                        -> u32 BE          listings queued to be checked for lapse at `height`
 *   e/<height>/<i u32 BE>               -> Uint53          the i-th of them (a listing id)
 *   t                                   -> QueueCursor     the next bucket and item the end of block checks
 *   r/<channel>                         -> Uint53          the listing a channel rated (one rating per channel)
 *
 * The search indexes hold a listing while `listed` is 1: from `list` or a heartbeat until the end
 * of block finds it lapsed (lapse.ts), so a search scans mostly live listings, in price order.
 */
import { concatBytes, utf8 } from "../../bytes.js";
import { Uint53 } from "../../codec/schema.js";
import { heightQueue } from "../../module/height-queue.js";
import { createdByTx, entries, indexed, indexOn, pad16, U32BE } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import { CREATED, KINDS, ListingEntry as ListingCodec, type ListingEntry } from "./schemas.js";

export const PARAMS_KEY = utf8("p");

/** 20 digits: every uint64 fits. */
export const pad20 = (n: bigint) => n.toString().padStart(20, "0");

export const byProvider = indexOn("P/");
/** The search indexes: all, by kind, by kind and region; each key ends <price 20><id 16>. */
export const searchAll = utf8("a/");
export const byKind = indexOn("k/");
export const byKindRegion = indexOn("s/");

const kindName = (l: Pick<ListingEntry, "kind">) => KINDS[l.kind] ?? "vpn";

const listings = indexed(
  entries(ListingCodec, (id: number) => utf8(`l/${pad16(id)}`)),
  (id, l) => {
    const keys = [byProvider.key(l.provider, pad16(id))];
    if (l.listed === 1) {
      const tail = pad20(l.price) + pad16(id);
      keys.push(
        concatBytes(searchAll, utf8(tail)),
        byKind.key(kindName(l), tail),
        byKindRegion.key(`${kindName(l)}/${l.region}`, tail),
      );
    }
    return keys;
  },
);
export const { get: readListing, set: writeListing, key: listingKey } = listings;

const lastIdEntry = entries(Uint53, () => utf8("n/l"));
/** The last listing id given (0 before the first). */
export const lastListingId = (state: StateReader): number => lastIdEntry.get(state, undefined) ?? 0;

const countOf = entries(U32BE, (provider: Uint8Array) => concatBytes(utf8("o/"), provider));
/** How many listings a provider has (lapsed ones until withdrawn). */
export const listingsOf = (state: StateReader, provider: Uint8Array): number =>
  countOf.get(state, provider) ?? 0;

/** Listings queued for a lapse check by height (src/module/height-queue.ts). */
export const lapseQueue = heightQueue("e/", "t");
export const dueAt = lapseQueue.dueAt;
export const queueLapseCheck = lapseQueue.push;

const ratedBy = entries(Uint53, (channel: number) => utf8(`r/${pad16(channel)}`));
/** The listing channel `channel` rated, if it rated one. */
export const ratedWith = (state: StateReader, channel: number) => ratedBy.get(state, channel);
export const recordRating = (state: StateView, channel: number, listing: number) =>
  ratedBy.set(state, channel, listing);

const created = createdByTx(CREATED);
/** The listing transaction `tx` created, if any. */
export const readCreated = created.read;

/** Stores a new listing: its id (counted), the provider's count. Returns the id. */
export function createListing(state: StateView, tx: Uint8Array, l: Omit<ListingEntry, "id">): number {
  const id = lastListingId(state) + 1;
  lastIdEntry.set(state, undefined, id);
  writeListing(state, id, { id, ...l });
  countOf.set(state, l.provider, listingsOf(state, l.provider) + 1);
  created.record(state, tx, "listing", id);
  return id;
}

/** Deletes a listing (withdrawn) with its index keys; the provider's count drops. */
export function removeListing(state: StateView, l: ListingEntry): void {
  listings.delete(state, l.id);
  const n = listingsOf(state, l.provider);
  if (n > 1) countOf.set(state, l.provider, n - 1);
  else countOf.delete(state, l.provider);
}
