/**
 * The end-of-block pruning of expired grants, in bounded work per block.
 *
 * A grant with expiry E allows pulls only at heights below E, so it is dead from block E on. At
 * creation it is queued in the bucket of height E (store.ts e/<E>/…). The end of block H prunes
 * the buckets of heights up to H, oldest first, from a cursor kept at key t, and stops after
 * MAX_PRUNE_PER_BLOCK steps; what is left waits for the next block. A step is one bucket looked
 * at or one queued grant handled (deleted, or found already gone: revoked or exhausted before
 * it expired). No scan, no unbounded sweep: the cursor moves forward through the queue.
 */
import type { EndBlockContext } from "../../module/interface.js";
import { expiredAt } from "./periods.js";
import { expiryQueue, readGrant, removeGrant } from "./store.js";

/** Steps of pruning at most per block (the rest wait for the next block). */
export const MAX_PRUNE_PER_BLOCK = 64;

/** The end-of-block step: prunes expired grants, at most `max` steps; returns the steps used. */
export function pruneEndBlock(ctx: EndBlockContext, max = MAX_PRUNE_PER_BLOCK): number {
  const { state, block } = ctx;
  return expiryQueue.drain(state, block.height, max, (id) => {
    const g = readGrant(state, id);
    if (g && expiredAt(g, block.height)) removeGrant(state, g);
  });
}
