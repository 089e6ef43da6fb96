/**
 * The metering arithmetic of the proxy and its client, in bigint: a price is coin base units
 * per MB, and 1 MB = 1,000,000 bytes (decimal, as carriers bill data). Bytes are counted both
 * ways (client → destination and back) after the SOCKS5 CONNECT, handshakes not included.
 *
 *   cost(B bytes)      = ceil(B × price / 1,000,000)      what carrying B bytes costs
 *   bytesPaid(amount)  = floor(amount × 1,000,000 / price) what a voucher for `amount` pays for
 *
 * bytesPaid(cost(B)) ≥ B, so a voucher for cost(B) always lets B bytes through.
 */

export const BYTES_PER_MB = 1_000_000n;
/** The default increment: 100 KB (100,000 bytes) paid ahead. */
export const DEFAULT_INCREMENT = 100_000n;

/** What carrying `bytes` costs at `price` base units per MB, rounded up. */
export function costOf(bytes: bigint, price: bigint): bigint {
  return (bytes * price + BYTES_PER_MB - 1n) / BYTES_PER_MB;
}

/** The bytes a cumulative voucher for `amount` pays for at `price` (≥ 1) per MB, rounded down. */
export function bytesPaid(amount: bigint, price: bigint): bigint {
  return (amount * BYTES_PER_MB) / price;
}

/**
 * The client's policy: the cumulative amount to sign now, or undefined when nothing is due.
 * It never signs beyond what was carried plus one increment (cost(carried + increment)), nor
 * beyond the deposit, and signs again once less than half an increment of prepaid bytes is
 * left, so the proxy rarely has to wait for it.
 */
export function amountToSign(p: {
  carried: bigint;
  signed: bigint;
  increment: bigint;
  price: bigint;
  deposit: bigint;
}): bigint | undefined {
  const cap = costOf(p.carried + p.increment, p.price);
  let target = cap;
  if (p.deposit < target) target = p.deposit;
  if (target <= p.signed) return undefined;
  const left = bytesPaid(p.signed, p.price) - p.carried;
  if (p.signed > 0n && left * 2n > p.increment) return undefined;
  return target;
}

/** "1.25 MB" style text of a byte count (decimal MB). */
export function mbText(bytes: bigint): string {
  const hundredths = (bytes * 100n) / BYTES_PER_MB;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")} MB`;
}
