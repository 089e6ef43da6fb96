/**
 * Periods of an agreement: period N = [anchor + N·len, anchor + (N+1)·len) in unix seconds
 * (UTC); the current period is the one holding the block's timestamp (−1 before the anchor).
 * Computed in bigint: a period number in a payload may be any Uint53.
 */
import type { AgreementEntry, Terms } from "./schemas.js";

export const periodStart = (t: Terms, period: number): bigint =>
  BigInt(t.anchor) + BigInt(period) * BigInt(t.periodSeconds);
export const periodEnd = (t: Terms, period: number): bigint =>
  BigInt(t.anchor) + (BigInt(period) + 1n) * BigInt(t.periodSeconds);

/** The period holding `timestamp`, or −1 before period 0 starts. */
export function currentPeriod(t: Terms, timestamp: number): number {
  if (timestamp < t.anchor) return -1;
  return Math.floor((timestamp - t.anchor) / t.periodSeconds);
}

/** The deck hash in force in `period` (the last version starting at or before it). */
export function deckHashAt(a: AgreementEntry, period: number): Uint8Array {
  let hash = a.versions[0].deckHash;
  for (const v of a.versions) if (v.fromPeriod <= period) hash = v.deckHash;
  return hash;
}
