/**
 * The module's clock and the end-of-block pruning of expired classes and ended offers.
 *
 * A class with expiry E is live in blocks up to E and expired from E + 1 on; an offer with end N
 * is open up to N. Each is queued at creation in the bucket of that height (store.ts e/<height>/…).
 * The end of block H prunes the buckets of heights below H, oldest first, from a cursor kept in
 * the clock entry, and stops after MAX_PRUNE_PER_BLOCK entries; what is left waits for the next
 * block. No scan: a class's balances are found through its holder list, popped from the end.
 *
 * Buckets below H only: other modules' end-of-block steps run after this one in block H and may
 * still move (give back) units of a class whose expiry is H, which is live in block H.
 *
 * Work counted per block: each bucket looked at, each balance deleted, each class finished (its
 * record marked pruned) and each offer deleted is one entry.
 */
import { utf8 } from "../../bytes.js";
import type { EndBlockContext } from "../../module/interface.js";
import { entries } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import { ClockEntry, PRUNE_KINDS, type PruneItem } from "./schemas.js";
import {
  deleteDue,
  deleteDueCount,
  deleteOffer,
  dueAt,
  popHolder,
  readClass,
  readDue,
  writeClass,
} from "./store.js";

/** Entries pruned at most per block (the rest wait for the next). */
export const MAX_PRUNE_PER_BLOCK = 500;

const clock = entries(ClockEntry, () => utf8("t"));
export const readClock = (state: StateReader): ClockEntry | undefined => clock.get(state, undefined);

/**
 * The height a transaction of the next block runs at: one past the last end of block (1 on a new
 * chain). What the read keeper's balance counts expiry against when no height is given.
 */
export const currentHeight = (state: StateReader): number => (readClock(state)?.now ?? 0) + 1;

/** A class is expired in blocks after its expiry height. */
export const expiredAt = (c: { expiry: number }, height: number): boolean => height > c.expiry;

/** Prunes up to `budget` entries of one item; returns the entries used and whether it is finished. */
function pruneItem(state: StateView, item: PruneItem, height: number, budget: number) {
  if (PRUNE_KINDS[item.kind] === "offer") {
    deleteOffer(state, item.id);
    return { used: 1, done: true };
  }
  const c = readClass(state, item.id);
  if (!c) return { used: 1, done: true };
  let used = 0;
  while (c.holders > 0 && used < budget) {
    c.pruned += popHolder(state, c);
    used++;
  }
  const done = c.holders === 0 && used < budget;
  if (done) {
    c.prunedAt = height;
    used++;
  }
  writeClass(state, c.id, c);
  return { used, done };
}

/** The end-of-block step: advances the clock and prunes what is due, at most MAX_PRUNE_PER_BLOCK entries. */
export function pruneEndBlock(ctx: EndBlockContext, max = MAX_PRUNE_PER_BLOCK): number {
  const height = ctx.block.height;
  const state = ctx.state;
  const at = readClock(state) ?? { now: 0, bucket: height, index: 0 };
  let { bucket, index } = at;
  let budget = max;
  while (budget > 0 && bucket < height) {
    const n = dueAt(state, bucket);
    budget--;
    while (index < n && budget > 0) {
      const item = readDue(state, bucket, index) as PruneItem;
      const { used, done } = pruneItem(state, item, height, budget);
      budget -= used;
      if (!done) break;
      deleteDue(state, bucket, index);
      index++;
    }
    if (index < n) break;
    if (n > 0) deleteDueCount(state, bucket);
    bucket++;
    index = 0;
  }
  clock.set(state, undefined, { now: height, bucket, index });
  return max - budget;
}
