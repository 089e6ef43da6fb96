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
import {
  deleteDue,
  deleteDueCount,
  dueAt,
  readCursor,
  readDue,
  readListing,
  writeCursor,
  writeListing,
} from "./store.js";

/** Steps of lapse checking at most per block (the rest wait for the next block). */
export const MAX_LAPSE_STEPS_PER_BLOCK = 64;

/** Checks queued listings for lapse, at most `max` steps; returns the steps used. */
export function lapseEndBlock(ctx: EndBlockContext, max = MAX_LAPSE_STEPS_PER_BLOCK): number {
  const height = ctx.block.height;
  const state = ctx.state;
  const c = readCursor(state);
  if (!c && dueAt(state, height) === 0) return 0; // nothing ever queued up to here: no write
  let { bucket, index } = c ?? { bucket: height, index: 0 };
  const period = paramsOf(state).heartbeatPeriod;
  let budget = max;
  while (budget > 0 && bucket <= height) {
    const n = dueAt(state, bucket);
    budget--;
    while (index < n && budget > 0) {
      const id = readDue(state, bucket, index) as number;
      const l = readListing(state, id);
      if (l && l.listed === 1 && height > l.heardAt + period) writeListing(state, id, { ...l, listed: 0 });
      deleteDue(state, bucket, index);
      budget--;
      index++;
    }
    if (index < n) break;
    if (n > 0) deleteDueCount(state, bucket);
    bucket++;
    index = 0;
  }
  writeCursor(state, { bucket, index });
  return max - budget;
}
