/**
 * Pending challenges of the reference verifier: a 6-digit code per (number, owner),
 * single use, expiring, with a bounded number of guesses, a bounded number pending and a
 * resend cooldown per number (so the service cannot be used to flood a phone).
 */
import { randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { TelchainError } from "../../../errors.js";

export interface ChallengeLimits {
  /** How long a code stays valid (ms). */
  ttlMs: number;
  /** Wrong answers allowed before the challenge is dropped. */
  maxAttempts: number;
  /** Challenges pending at once, over all numbers. */
  maxPending: number;
  /** Minimum time between two challenges for the same number (ms). */
  resendCooldownMs: number;
}

export const DEFAULT_CHALLENGE_LIMITS: ChallengeLimits = {
  ttlMs: 10 * 60_000,
  maxAttempts: 3,
  maxPending: 10_000,
  resendCooldownMs: 30_000,
};

export interface Challenge {
  id: string;
  number: string;
  owner: Uint8Array;
  code: string;
  createdAt: number;
  expiresAt: number;
  attemptsLeft: number;
}

export class ChallengeStore {
  /** Insertion order = creation order, and every challenge has the same ttl: the oldest come first. */
  private readonly byId = new Map<string, Challenge>();
  /** Latest challenge time per number, for the resend cooldown. */
  private readonly lastByNumber = new Map<string, number>();

  constructor(
    private readonly limits: ChallengeLimits = DEFAULT_CHALLENGE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  create(number: string, owner: Uint8Array): Challenge {
    const now = this.now();
    this.sweep(now);
    const last = this.lastByNumber.get(number);
    if (last !== undefined && now - last < this.limits.resendCooldownMs) {
      const wait = Math.ceil((last + this.limits.resendCooldownMs - now) / 1000);
      throw new TelchainError("RATE_LIMITED", `a code was just sent to ${number}; ask again in ${wait} s`);
    }
    if (this.byId.size >= this.limits.maxPending)
      throw new TelchainError("VERIFIER_BUSY", "too many pending challenges; try again later");
    // A new challenge for the number replaces the older ones: only the latest code counts.
    for (const c of this.byId.values()) if (c.number === number) this.byId.delete(c.id);
    const challenge: Challenge = {
      id: randomBytes(16).toString("hex"),
      number,
      owner,
      code: randomInt(0, 1_000_000).toString().padStart(6, "0"),
      createdAt: now,
      expiresAt: now + this.limits.ttlMs,
      attemptsLeft: this.limits.maxAttempts,
    };
    this.byId.set(challenge.id, challenge);
    this.lastByNumber.delete(number); // re-insert: the map stays in time order for sweep()
    this.lastByNumber.set(number, now);
    return challenge;
  }

  /** Forgets a challenge whose code could not be delivered (so asking again is not held back). */
  drop(id: string): void {
    const c = this.byId.get(id);
    if (!c) return;
    this.byId.delete(id);
    if (this.lastByNumber.get(c.number) === c.createdAt) this.lastByNumber.delete(c.number);
  }

  /**
   * Checks an answer. The right code consumes the challenge and returns it; a wrong one
   * costs an attempt (VERIFIER_WRONG_CODE), the last wrong one drops the challenge
   * (VERIFIER_TOO_MANY_ATTEMPTS).
   */
  answer(id: string, code: string): Challenge {
    const now = this.now();
    const c = this.byId.get(id);
    if (!c)
      throw new TelchainError(
        "VERIFIER_CHALLENGE_UNKNOWN",
        "no such challenge (unknown, already answered, or dropped): request a new code",
      );
    if (now > c.expiresAt) {
      this.byId.delete(id);
      throw new TelchainError("VERIFIER_CHALLENGE_EXPIRED", "the code expired: request a new one");
    }
    if (codesEqual(code, c.code)) {
      this.byId.delete(id);
      return c;
    }
    c.attemptsLeft--;
    if (c.attemptsLeft <= 0) {
      this.byId.delete(id);
      throw new TelchainError(
        "VERIFIER_TOO_MANY_ATTEMPTS",
        "wrong code, and no attempts are left: request a new code",
      );
    }
    throw new TelchainError(
      "VERIFIER_WRONG_CODE",
      `wrong code; ${c.attemptsLeft} attempt${c.attemptsLeft === 1 ? "" : "s"} left`,
    );
  }

  private sweep(now: number): void {
    for (const c of this.byId.values()) {
      if (c.expiresAt >= now) break;
      this.byId.delete(c.id);
    }
    for (const [number, at] of this.lastByNumber) {
      if (now - at < this.limits.resendCooldownMs) break;
      this.lastByNumber.delete(number);
    }
  }
}

/** Constant-time comparison (the code's length is public: always 6 digits). */
function codesEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given.padEnd(expected.length, "\0").slice(0, 64), "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
