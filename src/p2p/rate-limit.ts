/**
 * Token buckets: a peer may burst up to `capacity` messages (or bytes), then `refillPerSecond` on
 * average.
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
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /**
   * A budget that may go into debt: spends `n` (e.g. bytes) whenever anything is left, so one
   * item larger than the capacity still passes, and the refill pays the debt back before the
   * next; false (and nothing spent) while nothing is left.
   */
  spend(n: number): boolean {
    this.refill();
    if (this.tokens <= 0) return false;
    this.tokens -= n;
    return true;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.refillPerSecond);
    this.last = t;
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
    return this.bucket(peer).take(n);
  }

  /** TokenBucket.spend on the peer's bucket. */
  spend(peer: string, n: number): boolean {
    return this.bucket(peer).spend(n);
  }

  private bucket(peer: string): TokenBucket {
    let bucket = this.buckets.get(peer);
    if (!bucket) {
      bucket = new TokenBucket(this.capacity, this.refillPerSecond, this.now);
      this.buckets.set(peer, bucket);
    }
    return bucket;
  }

  forget(peer: string): void {
    this.buckets.delete(peer);
  }
}
