/**
 * Bitcoin's compact "nBits" encoding of a 256-bit target: one exponent byte (size in bytes)
 * followed by a 3-byte mantissa whose top bit is a sign bit. Mirrors arith_uint256::SetCompact
 * and GetCompact, except that encodings Bitcoin flags as negative, zero or overflowing are refused.
 */
import { TelchainError } from "../errors.js";

const TWO_256 = 1n << 256n;
const SIGN_BIT = 0x00800000;
const MANTISSA_MASK = 0x007fffff;

/** Decodes compact bits to the target. Throws POW_BAD_BITS for negative, zero or overflowing encodings. */
export function bitsToTarget(bits: number): bigint {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff) {
    throw new TelchainError("POW_BAD_BITS", `bits ${bits} is not a uint32`);
  }
  const size = bits >>> 24;
  const word = bits & MANTISSA_MASK;
  if (word !== 0 && (bits & SIGN_BIT) !== 0) {
    throw new TelchainError("POW_BAD_BITS", `bits 0x${hex8(bits)} encodes a negative target`);
  }
  // Same overflow rule as Bitcoin: the mantissa's significant bytes must fit in 32 bytes.
  if (word !== 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32))) {
    throw new TelchainError("POW_BAD_BITS", `bits 0x${hex8(bits)} overflows 256 bits`);
  }
  const target = size <= 3 ? BigInt(word >>> (8 * (3 - size))) : BigInt(word) << BigInt(8 * (size - 3));
  if (target === 0n) throw new TelchainError("POW_BAD_BITS", `bits 0x${hex8(bits)} encodes a zero target`);
  if (target >= TWO_256) throw new TelchainError("POW_BAD_BITS", `bits 0x${hex8(bits)} overflows 256 bits`);
  return target;
}

/**
 * Canonical compact encoding of a target (Bitcoin's GetCompact). Lossy: only the top 3 significant
 * bytes survive. Throws POW_BAD_TARGET unless 0 < target < 2^256.
 */
export function targetToBits(target: bigint): number {
  if (target <= 0n || target >= TWO_256) {
    throw new TelchainError("POW_BAD_TARGET", `target must be in [1, 2^256), got ${target}`);
  }
  let size = Math.ceil(target.toString(2).length / 8);
  let mantissa =
    size <= 3 ? Number(target) * 2 ** (8 * (3 - size)) : Number(target >> BigInt(8 * (size - 3)));
  // A mantissa with the top bit set would read back as negative: move one byte into the exponent.
  if (mantissa & SIGN_BIT) {
    mantissa >>>= 8;
    size += 1;
  }
  return ((size << 24) | mantissa) >>> 0;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}
