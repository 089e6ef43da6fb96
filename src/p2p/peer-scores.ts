/**
 * Application-level peer scores. Every peer starts at 0; misbehaviour lowers the score,
 * good time raises it back towards 0. At or below BAN_THRESHOLD the peer is banned: its
 * connections are closed and it may not reconnect (either way) for BAN_DURATION_MS.
 */
import type { ConnectionGater, PeerId } from "@libp2p/interface";

export const PENALTY_MALFORMED_MESSAGE = -100;
export const PENALTY_INVALID_BLOCK = -100;
export const PENALTY_INVALID_TX = -20;
export const PENALTY_SYNC_TIMEOUT = -10;
/**
 * A peer we sync from that does not deliver within its deadline (timeout, closes or resets
 * without answering, empty or short answer, less work than it claimed). Three stalls ban it:
 * 3 × 40 = 120 leaves room for the 5 points a minute of recovery over up to 4 minutes between
 * the first and the third (the retry cooldown is 60 s), while one or two are forgiven.
 */
export const PENALTY_SYNC_STALL = -40;
export const PENALTY_BAD_SYNC_DATA = -100;
export const PENALTY_RATE_LIMIT = -5;
/**
 * A gossiped block refused by the side-chain rule (BLOCK_SIDE_CHAIN_TOO_WEAK,
 * BLOCK_FORK_TOO_DEEP): five or six in quick succession ban (the score recovers meanwhile).
 * Not −100 at once, since an honest miner still on a branch that just fell behind may send one
 * or two before it learns of our heavier chain.
 */
export const PENALTY_WEAK_SIDE_BLOCK = -20;
/** A peer of another network (different chain id or genesis) is useless to us. */
export const PENALTY_WRONG_NETWORK = -100;
/** An inbound peer that did not complete identify by the deadline (connection-guard.ts). */
export const PENALTY_NOT_IDENTIFIED = -25;
export const BAN_THRESHOLD = -100;
export const BAN_DURATION_MS = 10 * 60_000;
/** Points a lowered score regains per minute of good behaviour. */
export const SCORE_RECOVERY_PER_MINUTE = 5;

/** Entries kept for peers that are not banned; the least penalised are forgotten first. */
const MAX_TRACKED_PEERS = 4096;

interface Entry {
  score: number;
  at: number;
}

export type BanListener = (peerId: string, reason: string) => void;

export class PeerScores {
  private readonly entries = new Map<string, Entry>();
  private readonly bannedUntil = new Map<string, number>();
  private readonly banListeners: BanListener[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Current score (0 for unknown peers). */
  score(peerId: string): number {
    const e = this.entries.get(peerId);
    if (!e) return 0;
    return Math.min(0, e.score + ((this.now() - e.at) / 60_000) * SCORE_RECOVERY_PER_MINUTE);
  }

  /** Lowers a peer's score by `penalty` (a negative constant above); bans at the threshold. */
  penalize(peerId: string, penalty: number, reason: string): number {
    if (this.isBanned(peerId)) return this.score(peerId);
    const score = this.score(peerId) + penalty;
    this.entries.set(peerId, { score, at: this.now() });
    this.bound();
    if (score <= BAN_THRESHOLD) {
      if (this.bannedUntil.size >= MAX_TRACKED_PEERS) {
        for (const id of [...this.bannedUntil.keys()]) this.isBanned(id); // drops served bans
      }
      this.bannedUntil.set(peerId, this.now() + BAN_DURATION_MS);
      for (const l of this.banListeners) l(peerId, reason);
    }
    return score;
  }

  isBanned(peerId: string): boolean {
    const until = this.bannedUntil.get(peerId);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.bannedUntil.delete(peerId);
    this.entries.delete(peerId); // a served ban starts from a clean slate
    return false;
  }

  onBan(listener: BanListener): void {
    this.banListeners.push(listener);
  }

  /** Refuses banned peers at every step where libp2p asks. */
  gater(): ConnectionGater {
    const denied = (peerId: PeerId) => this.isBanned(peerId.toString());
    return {
      denyDialPeer: denied,
      denyInboundEncryptedConnection: denied,
      denyOutboundEncryptedConnection: denied,
    };
  }

  private bound(): void {
    if (this.entries.size <= MAX_TRACKED_PEERS) return;
    const sorted = [...this.entries.keys()].sort((a, b) => this.score(b) - this.score(a));
    for (const id of sorted.slice(0, this.entries.size - MAX_TRACKED_PEERS)) this.entries.delete(id);
  }
}
