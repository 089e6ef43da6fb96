/**
 * A queue of record ids by height in a module's state, drained by the module's end-of-block step
 * in bounded work (no transaction pays for that step, so it must never sweep). Used for expired
 * grants (allowances) and lapsed listings (services).
 *
 * Layout, under the module's prefix:
 *   <prefix><height, 16 digits>/n          -> u32be   how many ids were queued at that height
 *   <prefix><height, 16 digits>/<u32be i>  -> Uint53  the i-th id
 *   <cursorKey>                            -> {bucket, index}  where draining goes on
 *
 * `drain(state, height, max, handle)` handles the ids queued at heights up to `height`, oldest
 * first, and stops after `max` steps — a step is one height bucket looked at or one id handled;
 * the rest waits for the next block. Until something falls due, nothing is written.
 */
import { concatBytes, utf8 } from "../bytes.js";
import { container, Uint53 } from "../codec/schema.js";
import type { StateReader, StateView } from "../state/view.js";
import { entries, pad16, U32BE } from "./store.js";

export const QueueCursor = container("HeightQueueCursor", { bucket: Uint53, index: Uint53 });

export function heightQueue(prefix = "e/", cursorKey = "t") {
  const count = entries(U32BE, (height: number) => utf8(`${prefix}${pad16(height)}/n`));
  const items = entries(Uint53, ([height, i]: [number, number]) =>
    concatBytes(utf8(`${prefix}${pad16(height)}/`), U32BE.serialize(i)),
  );
  const cursor = entries(QueueCursor, () => utf8(cursorKey));
  const dueAt = (state: StateReader, height: number): number => count.get(state, height) ?? 0;
  return {
    dueAt,
    /** Queues `id` to be handled at the end of block `height` (or a later one). */
    push(state: StateView, height: number, id: number): void {
      const n = dueAt(state, height);
      items.set(state, [height, n], id);
      count.set(state, height, n + 1);
    },
    /** Hands the ids due up to `height` to `handle`, at most `max` steps; returns the steps used. */
    drain(state: StateView, height: number, max: number, handle: (id: number) => void): number {
      const c = cursor.get(state, undefined);
      if (!c && dueAt(state, height) === 0) return 0; // nothing ever fell due: no write
      let { bucket, index } = c ?? { bucket: height, index: 0 };
      let budget = max;
      while (budget > 0 && bucket <= height) {
        const n = dueAt(state, bucket);
        budget--;
        while (index < n && budget > 0) {
          handle(items.get(state, [bucket, index]) as number);
          items.delete(state, [bucket, index]);
          budget--;
          index++;
        }
        if (index < n) break;
        if (n > 0) count.delete(state, bucket);
        bucket++;
        index = 0;
      }
      cursor.set(state, undefined, { bucket, index });
      return max - budget;
    },
  };
}
