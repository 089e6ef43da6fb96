/**
 * Token buckets: a peer may burst up to `capacity` messages, then `refillPerSecond` on average.
 * One bucket per peer, forgotten when the peer disconnects.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes `n` tokens if there are enough; false (and nothing taken) otherwise. */
  take(n = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.refillPerSecond);
    this.last = t;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

export class PeerRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(peer: string, n = 1): boolean {
    let bucket = this.buckets.get(peer);
    if (!bucket) {
      bucket = new TokenBucket(this.capacity, this.refillPerSecond, this.now);
      this.buckets.set(peer, bucket);
    }
    return bucket.take(n);
  }

  forget(peer: string): void {
    this.buckets.delete(peer);
  }
}
