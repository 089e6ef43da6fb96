/**
 * The period arithmetic of a grant, in one place for the kinds and the views. Periods are anchored
 * at the grant's creation height `start`: the period index at height h is ⌊(h − start) / period⌋,
 * so a new period begins exactly at h = start + k·period. Amounts in bigint.
 */
import type { GrantEntry } from "./schemas.js";

/** The index of the period that height `h` (≥ start) falls in. */
export const periodIndexAt = (g: Pick<GrantEntry, "start" | "period">, h: number): number =>
  Math.floor((h - g.start) / g.period);

/** The first height of the period after the one `h` falls in. */
export const periodEndsAt = (g: Pick<GrantEntry, "start" | "period">, h: number): number =>
  g.start + (periodIndexAt(g, h) + 1) * g.period;

/** A grant has expired at `h` when it has an expiry and h is at or past it. */
export const expiredAt = (g: Pick<GrantEntry, "expiry">, h: number): boolean =>
  g.expiry !== 0 && h >= g.expiry;

/** What was pulled in the period of height `h` (0 when the last pull was in an earlier period). */
export const spentInPeriodAt = (g: GrantEntry, h: number): bigint =>
  periodIndexAt(g, h) === g.periodIndex ? g.spentInPeriod : 0n;

/** What is left of the cap (undefined: no cap). */
export const remainingCap = (g: GrantEntry): bigint | undefined =>
  g.cap === 0n ? undefined : g.cap > g.spentTotal ? g.cap - g.spentTotal : 0n;

/** What is left of the period's limit at `h`: max(0, limit − spent), no more than the cap's remainder; 0 once expired. */
export function remainingAt(g: GrantEntry, h: number): bigint {
  if (expiredAt(g, h)) return 0n;
  const spent = spentInPeriodAt(g, h);
  const left = g.limit > spent ? g.limit - spent : 0n;
  const cap = remainingCap(g);
  return cap !== undefined && cap < left ? cap : left;
}

/** The grant rolled forward to the period of `h` (spentInPeriod from 0 in a new period). */
export const rolledTo = (g: GrantEntry, h: number): GrantEntry => ({
  ...g,
  periodIndex: periodIndexAt(g, h),
  spentInPeriod: spentInPeriodAt(g, h),
});
