/** Proof-of-work checks: a block hash, read as a big-endian integer, must not exceed the target. */
import { toHex } from "../bytes.js";
import { isTelchainError, TelchainError } from "../errors.js";
import { bitsToTarget } from "./compact.js";

const TWO_256 = 1n << 256n;

/** Reads a 32-byte hash as an unsigned big-endian integer. */
export function hashToBigInt(hash32: Uint8Array): bigint {
  if (hash32.length !== 32)
    throw new TelchainError("POW_BAD_HASH", `hash must be 32 bytes, got ${hash32.length}`);
  return BigInt(`0x${toHex(hash32)}`);
}

/** True when the hash meets the target encoded by `bits`; false also for invalid bits. */
export function checkProofOfWork(hash: Uint8Array, bits: number): boolean {
  let target: bigint;
  try {
    target = bitsToTarget(bits);
  } catch (e) {
    if (isTelchainError(e)) return false;
    throw e;
  }
  return hashToBigInt(hash) <= target;
}

/** Expected number of hashes to find a block at `bits`: 2^256 / (target + 1), as Bitcoin's chain work. */
export function workForBits(bits: number): bigint {
  return TWO_256 / (bitsToTarget(bits) + 1n);
}
