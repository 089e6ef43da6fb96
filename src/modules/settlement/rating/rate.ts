/**
 * THE rating function: every tool that prices a record (usage rate, usage commit, usage compare,
 * the bench) calls `rateQuantity`, so every side rounds the same way.
 *
 *   q = 0:                     charge = 0 (an unanswered call costs nothing, connect fee included)
 *   q > 0:  billed = initial                                             if q ≤ initial
 *           billed = initial + ceil((q − initial) / increment) × increment  otherwise
 *           charge = connect_fee + ceil(billed × rate / D)
 *   D = 60 for voice (q in seconds, rate per minute), 1,024 for data (q in KB, rate per MB),
 *   1 for sms (q in messages, rate per message).
 *
 * All in bigint; a billed quantity or a charge over 2^64 − 1 is SETTLEMENT_OVERFLOW. Each record
 * is rounded on its own.
 */
import { TelchainError } from "../../../errors.js";
import { MAX_UINT64 } from "./csv.js";
import type { Service } from "./record.js";

/** The price of one deck line: base units, uint64 each. */
export interface Tariff {
  /** Per minute (voice), per MB of 1,024 KB (data), per message (sms). */
  rate: bigint;
  /** First billed block, in the service's unit (seconds, KB, messages). */
  initial: bigint;
  /** Later billed blocks (≥ 1). */
  increment: bigint;
  /** Added once to every record with q > 0. */
  connectFee: bigint;
}

/** The divisor D that turns billed × rate into base units. */
export const DIVISOR: Readonly<Record<Service, bigint>> = { voice: 60n, data: 1024n, sms: 1n };

export interface Rated {
  /** The quantity after rounding up to initial + whole increments (0 when q = 0). */
  billed: bigint;
  charge: bigint;
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

function checked(v: bigint, what: string): bigint {
  if (v > MAX_UINT64) throw new TelchainError("SETTLEMENT_OVERFLOW", `${what} ${v} is over 2^64 − 1`);
  return v;
}

/** The charge of quantity `q` of `service` under `t` (see the file comment). */
export function rateQuantity(service: Service, q: bigint, t: Tariff): Rated {
  if (q < 0n) throw new RangeError("a quantity is never negative");
  if (q === 0n) return { billed: 0n, charge: 0n };
  if (t.increment < 1n) throw new RangeError("a deck line's increment is at least 1");
  const billed = checked(
    q <= t.initial ? t.initial : t.initial + ceilDiv(q - t.initial, t.increment) * t.increment,
    "the billed quantity",
  );
  const charge = checked(t.connectFee + ceilDiv(billed * t.rate, DIVISOR[service]), "the charge");
  return { billed, charge };
}

/** a + b, refused over 2^64 − 1 (totals of a period). */
export function addUint64(a: bigint, b: bigint, what: string): bigint {
  return checked(a + b, what);
}
