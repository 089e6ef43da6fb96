/**
 * The end-of-block step: takes lapsed listings out of the search indexes, in bounded work.
 *
 * A listing heard at height H is live up to H + heartbeatPeriod; `list` and every heartbeat
 * queue a check at height H + heartbeatPeriod + 1 (store.ts e/<height>/…). The end of block at
 * height B handles the buckets of heights up to B, oldest first, from a cursor kept at key t, and
 * stops after MAX_LAPSE_STEPS_PER_BLOCK steps; the rest waits for the next block. A step is one
 * bucket looked at or one queued check: the listing is unlisted if it is still listed and no
 * longer live at B (a later heartbeat made it live again: it has a later check queued; withdrawn:
 * nothing to do). Search and lookups decide liveness from heardAt themselves, so a check that
 * waits changes no answer: the indexes only keep searches to live listings, mostly.
 */
import type { EndBlockContext } from "../../module/interface.js";
import { paramsOf } from "./params.js";
import { lapseQueue, readListing, writeListing } from "./store.js";

/** Steps of lapse checking at most per block (the rest wait for the next block). */
export const MAX_LAPSE_STEPS_PER_BLOCK = 64;

/** Checks queued listings for lapse, at most `max` steps; returns the steps used. */
export function lapseEndBlock(ctx: EndBlockContext, max = MAX_LAPSE_STEPS_PER_BLOCK): number {
  const { state, block } = ctx;
  const period = paramsOf(state).heartbeatPeriod;
  return lapseQueue.drain(state, block.height, max, (id) => {
    const l = readListing(state, id);
    if (l && l.listed === 1 && block.height > l.heardAt + period)
      writeListing(state, id, { ...l, listed: 0 });
  });
}
