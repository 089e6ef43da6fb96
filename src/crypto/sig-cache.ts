/**
 * Bounded set of signature-check keys already verified (e.g. transaction hashes), so a transaction
 * checked on entry to the mempool is not checked again in a block. Evicts the oldest insertion.
 */
/**
 * The cache key of "the signature of transaction `hash` verifies under `key`": both matter, since
 * an account's authorising key can change (a rotation) while its transactions stay the same.
 */
export function sigCacheKey(hash: Uint8Array, key: Uint8Array): string {
  return (
    Buffer.from(hash.buffer, hash.byteOffset, hash.length).toString("latin1") +
    Buffer.from(key.buffer, key.byteOffset, key.length).toString("latin1")
  );
}

export class SigCache {
  // A Map iterates in insertion order, so its first key is the oldest.
  private readonly keys = new Map<string, true>();

  constructor(readonly max = 200_000) {
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`SigCache max must be a positive integer: ${max}`);
  }

  get size(): number {
    return this.keys.size;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Adds (or refreshes) a key, evicting the oldest one when full. */
  add(key: string): void {
    if (this.keys.delete(key)) {
      this.keys.set(key, true);
      return;
    }
    if (this.keys.size >= this.max) {
      const oldest = this.keys.keys().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
    this.keys.set(key, true);
  }

  delete(key: string): boolean {
    return this.keys.delete(key);
  }

  clear(): void {
    this.keys.clear();
  }
}
