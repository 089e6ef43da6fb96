/**
 * The services kinds:
 *
 *   list       the sender (provider) offers a service: kind, region, price per unit, unit,
 *              endpoint, and a bond (≥ minBond) debited into the module's custody; the listing
 *              gets an id from a counter and is live from this block (heardAt = this height).
 *   heartbeat  the provider renews it: heardAt = this height (a lapsed listing comes back).
 *   withdraw   the provider, from heardAt + heartbeatPeriod + withdrawDelay on (a lapsed listing,
 *              after the delay): the bond back, the listing deleted.
 *   rate       a score 1..5 bound to a channel (channels keeper) that is closed, whose payer is
 *              the sender, whose payee is the listing's provider, and that paid something; one
 *              rating per channel, kept per listing as a count and a sum.
 */
import { equalBytes } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { TxContext } from "../../module/interface.js";
import { calls, defineKind } from "../../module/kind.js";
import type { StateReader } from "../../state/view.js";
import { endpointFormOk } from "./endpoint.js";
import type { ExpectedChannels } from "./expected-keepers.js";
import { paramsOf } from "./params.js";
import { isRegion } from "./regions.js";
import { KINDS, type ListingEntry, ListingIdPayload, ListPayload, RatePayload, UNITS } from "./schemas.js";
import {
  createListing,
  listingsOf,
  queueLapseCheck,
  ratedWith,
  readListing,
  recordRating,
  removeListing,
  writeListing,
} from "./store.js";

const fail = (code: string, message: string) => new TelchainError(code, message);

/** An id of a payload: 1 to 2^53 − 1 (SERVICES_BAD_ID). */
export function checkId(id: number, what = "the listing id"): number {
  if (!Number.isSafeInteger(id) || id < 1)
    throw fail("SERVICES_BAD_ID", `${what} must be a whole number from 1 to 2^53 − 1; got ${id}`);
  return id;
}

/** The listing `id` (SERVICES_NO_LISTING when there is none). */
export function listingOf(state: StateReader, id: number): ListingEntry {
  const l = readListing(state, id);
  if (!l) throw fail("SERVICES_NO_LISTING", `no listing ${id} (never made, or withdrawn)`);
  return l;
}

function ensureProvider(l: ListingEntry, sender: Uint8Array): void {
  if (!equalBytes(l.provider, sender))
    throw fail(
      "SERVICES_NOT_PROVIDER",
      `only listing ${l.id}'s provider (${encodeAddress(l.provider)}) may do this`,
    );
}

/** Marks the listing heard at this block, listed, with its lapse check queued. */
function heard(ctx: TxContext, l: Omit<ListingEntry, "id">): Omit<ListingEntry, "id"> {
  return { ...l, heardAt: ctx.block.height, listed: 1 };
}

const lapseCheckAt = (ctx: TxContext) => ctx.block.height + paramsOf(ctx.state).heartbeatPeriod + 1;

export const list = defineKind({
  payload: ListPayload,
  parse(p) {
    if (p.kind >= KINDS.length)
      throw fail(
        "SERVICES_BAD_KIND",
        `the kind must be 0 (vpn), 1 (hotspot) or 2 (roaming-data); got ${p.kind}`,
      );
    if (p.unit >= UNITS.length)
      throw fail("SERVICES_BAD_UNIT", `the unit must be 0 (mb) or 1 (minute); got ${p.unit}`);
    if (!isRegion(p.region))
      throw fail(
        "SERVICES_BAD_REGION",
        `${JSON.stringify(p.region)} is not an assigned ISO 3166-1 alpha-2 code`,
      );
    if (p.price < 1n) throw fail("SERVICES_BAD_PRICE", "the price must be at least 1 base unit per unit");
    if (!endpointFormOk(p.endpoint))
      throw fail(
        "SERVICES_BAD_ENDPOINT",
        `the endpoint ${JSON.stringify(p.endpoint.slice(0, 80))} is neither scheme://host:port[/…] nor /ip4|ip6|dns|dns4|dns6/<host>/tcp|udp/<port>[/…] (port 1-65535)`,
      );
    return p;
  },
  apply(ctx, p) {
    const params = paramsOf(ctx.state);
    if (p.bond < params.minBond)
      throw fail("SERVICES_BAD_BOND", `the bond ${p.bond} is below the minimum ${params.minBond}`);
    const n = listingsOf(ctx.state, ctx.sender);
    if (n >= params.maxListingsPerProvider)
      throw fail("SERVICES_TOO_MANY", `the provider has ${n} listings, the most allowed: withdraw one first`);
    ctx.accounts.debit(ctx.sender, p.bond);
    const id = createListing(
      ctx.state,
      ctx.txHash,
      heard(ctx, {
        provider: ctx.sender,
        ...p,
        createdAt: ctx.block.height,
        heardAt: 0,
        listed: 1,
        ratings: 0,
        scoreSum: 0,
      }),
    );
    queueLapseCheck(ctx.state, lapseCheckAt(ctx), id);
  },
  toJSON: (p) => ({
    kind: KINDS[p.kind] ?? p.kind,
    region: p.region,
    price: p.price.toString(),
    unit: UNITS[p.unit] ?? p.unit,
    endpoint: p.endpoint,
    bond: p.bond.toString(),
  }),
});

export const heartbeat = defineKind({
  payload: ListingIdPayload,
  parse: (p) => ({ listing: checkId(p.listing) }),
  apply(ctx, a) {
    const l = listingOf(ctx.state, a.listing);
    ensureProvider(l, ctx.sender);
    writeListing(ctx.state, l.id, { ...heard(ctx, l), id: l.id });
    queueLapseCheck(ctx.state, lapseCheckAt(ctx), l.id);
  },
  toJSON: (p) => ({ listing: p.listing }),
});

export const withdraw = defineKind({
  payload: ListingIdPayload,
  parse: (p) => ({ listing: checkId(p.listing) }),
  apply(ctx, a) {
    const l = listingOf(ctx.state, a.listing);
    ensureProvider(l, ctx.sender);
    const { heartbeatPeriod, withdrawDelay } = paramsOf(ctx.state);
    const from = l.heardAt + heartbeatPeriod + withdrawDelay;
    if (ctx.block.height < from)
      throw fail(
        "SERVICES_TOO_EARLY",
        `listing ${l.id}'s bond can be withdrawn from height ${from} (last heartbeat ${l.heardAt} + period ${heartbeatPeriod} + delay ${withdrawDelay})`,
      );
    removeListing(ctx.state, l);
    ctx.accounts.credit(l.provider, l.bond);
  },
  toJSON: (p) => ({ listing: p.listing }),
});

export const rate = defineKind({
  payload: RatePayload,
  parse(p) {
    if (p.score < 1 || p.score > 5)
      throw fail("SERVICES_BAD_SCORE", `the score must be 1 to 5; got ${p.score}`);
    return { listing: checkId(p.listing), channel: checkId(p.channel, "the channel id"), score: p.score };
  },
  apply(ctx, a) {
    const l = listingOf(ctx.state, a.listing);
    if (equalBytes(l.provider, ctx.sender))
      throw fail("SERVICES_SELF_RATING", `the provider cannot rate its own listing ${l.id}`);
    const c = ctx.keeper<ExpectedChannels>("channels").channel(a.channel);
    if (!c) throw fail("SERVICES_NO_CHANNEL", `no channel ${a.channel}`);
    if (!equalBytes(c.payer, ctx.sender))
      throw fail("SERVICES_NOT_PAYER", `only channel ${a.channel}'s payer may rate with it`);
    if (!equalBytes(c.payee, l.provider))
      throw fail(
        "SERVICES_WRONG_PROVIDER",
        `channel ${a.channel} pays another payee than listing ${l.id}'s provider`,
      );
    if (c.status !== "closed")
      throw fail(
        "SERVICES_CHANNEL_NOT_CLOSED",
        `channel ${a.channel} is ${c.status}: a rating needs a closed channel`,
      );
    if (c.paid <= 0n) throw fail("SERVICES_UNPAID", `channel ${a.channel} paid nothing to the provider`);
    const before = ratedWith(ctx.state, a.channel);
    if (before !== undefined)
      throw fail("SERVICES_ALREADY_RATED", `channel ${a.channel} already rated listing ${before}`);
    recordRating(ctx.state, a.channel, l.id);
    writeListing(ctx.state, l.id, { ...l, ratings: l.ratings + 1, scoreSum: l.scoreSum + a.score });
  },
  toJSON: (p) => ({ listing: p.listing, channel: p.channel, score: p.score }),
});

export const servicesKinds = { list, heartbeat, withdraw, rate };
export const servicesCalls = calls("services", servicesKinds);
