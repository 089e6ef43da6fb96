/**
 * A Bloom filter of digit strings and all their prefixes: `mayHold(d)` is false only when no
 * string added has `d` as a prefix (itself included). The DNS zone source adds every number
 * in the state (and every number a later block names), so a false answer proves NXDOMAIN
 * without a state read; a true one (a false positive about 1 time in 1,000) costs the read.
 * Nothing is ever removed: a number that left the state only costs that read.
 */

/** Bits per expected entry, and hashes per entry (about 0.1% false positives when full). */
const BITS_PER_ENTRY = 16;
const HASHES = 6;
const MIN_BITS = 1 << 16;

export class PrefixFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** Sized for `entries` distinct prefixes (more only raise the false-positive rate). */
  constructor(entries: number) {
    let size = MIN_BITS;
    while (size < entries * BITS_PER_ENTRY && size < 2 ** 31) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  /** Adds `digits` and all its prefixes (the empty one, the apex, included). */
  add(digits: string): void {
    let h1 = 0x811c9dc5;
    this.set(h1, 0x9e3779b9);
    for (let i = 0; i < digits.length; i++) {
      h1 = Math.imul(h1 ^ digits.charCodeAt(i), 0x01000193);
      this.set(h1, Math.imul(h1 ^ (h1 >>> 15), 0x2c1b3c6d) | 1);
    }
  }

  mayHold(digits: string): boolean {
    let h1 = 0x811c9dc5;
    for (let i = 0; i < digits.length; i++) h1 = Math.imul(h1 ^ digits.charCodeAt(i), 0x01000193);
    const h2 = digits.length === 0 ? 0x9e3779b9 : Math.imul(h1 ^ (h1 >>> 15), 0x2c1b3c6d) | 1;
    for (let k = 0; k < HASHES; k++) {
      const bit = (h1 + Math.imul(k, h2)) & this.mask;
      if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  private set(h1: number, h2: number): void {
    for (let k = 0; k < HASHES; k++) {
      const bit = (h1 + Math.imul(k, h2)) & this.mask;
      this.bits[bit >>> 5] |= 1 << (bit & 31);
    }
  }
}
