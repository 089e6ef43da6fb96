/**
 * The deadline queue: each period one side has committed and the other not yet, ordered by
 * (deadline, agreement, period). The end-of-block step cannot scan the state, so the queue is a
 * binary min-heap kept in point-addressed keys:
 *
 *   t/n              -> u32 BE         entries in the heap
 *   t/h/<i u32 BE>   -> DeadlineEntry  the heap's i-th slot (slot 0 holds the earliest deadline)
 *
 * A push and a pop cost O(log n) reads and writes. A period settled before its deadline (the
 * other side committed) keeps its entry: popping it later finds the period settled and skips
 * it (lazy deletion), so no entry is ever searched for.
 */
import { concatBytes, utf8 } from "../../../bytes.js";
import { entries, U32BE } from "../../../module/store.js";
import type { StateReader, StateView } from "../../../state/view.js";
import { DeadlineEntry } from "./schemas.js";

const size = entries(U32BE, () => utf8("t/n"));
const slots = entries(DeadlineEntry, (i: number) => concatBytes(utf8("t/h/"), U32BE.serialize(i)));

/** a before b: earlier deadline, then lower agreement id, then lower period. */
export function before(a: DeadlineEntry, b: DeadlineEntry): boolean {
  if (a.deadline !== b.deadline) return a.deadline < b.deadline;
  if (a.agreementId !== b.agreementId) return a.agreementId < b.agreementId;
  return a.period < b.period;
}

export const queueSize = (state: StateReader): number => size.get(state, undefined) ?? 0;

/** The entry with the earliest deadline, if any. */
export const peekDeadline = (state: StateReader): DeadlineEntry | undefined =>
  queueSize(state) === 0 ? undefined : slots.get(state, 0);

export function pushDeadline(state: StateView, entry: DeadlineEntry): void {
  let i = queueSize(state);
  size.set(state, undefined, i + 1);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = slots.get(state, parent) as DeadlineEntry;
    if (!before(entry, p)) break;
    slots.set(state, i, p);
    i = parent;
  }
  slots.set(state, i, entry);
}

/** Removes the earliest entry (the queue must not be empty). */
export function popDeadline(state: StateView): void {
  const n = queueSize(state) - 1;
  const last = slots.get(state, n) as DeadlineEntry;
  slots.delete(state, n);
  if (n === 0) {
    size.delete(state, undefined);
    return;
  }
  size.set(state, undefined, n);
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const left = slots.get(state, l) as DeadlineEntry;
    const right = r < n ? (slots.get(state, r) as DeadlineEntry) : undefined;
    const [c, child] = right && before(right, left) ? [r, right] : [l, left];
    if (!before(child, last)) break;
    slots.set(state, i, child);
    i = c;
  }
  slots.set(state, i, last);
}
