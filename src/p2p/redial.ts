/**
 * Keeps us connected: dials the bootstrap and known peers on start and again every
 * REDIAL_INTERVAL_MS for those we are not connected to, so a restarted peer is found
 * again and a healed partition reconnects.
 */
import { peerIdFromString } from "@libp2p/peer-id";
import { multiaddr } from "@multiformats/multiaddr";
import type { Host } from "./host.js";
import type { PeerScores } from "./peer-scores.js";
import { peerIdOfAddr } from "./peer-store.js";
import type { NetworkLog } from "./types.js";

export const REDIAL_INTERVAL_MS = 10_000;
export const DIAL_TIMEOUT_MS = 5_000;
/** Dials started per round, so a long known-peers list does not flood the dialer. */
const MAX_DIALS_PER_ROUND = 16;

export class Redialer {
  private timer: NodeJS.Timeout | undefined;
  private readonly stopController = new AbortController();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly host: Host,
    private readonly scores: PeerScores,
    private readonly log: NetworkLog,
    /** Addresses to keep connected to (bootstrap first, then known peers). */
    private readonly addresses: () => string[],
  ) {}

  start(): void {
    this.dialMissing();
    this.timer = setInterval(() => this.dialMissing(), REDIAL_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.stopController.abort(new Error("network stopping"));
  }

  dialMissing(): void {
    const self = this.host.peerId.toString();
    const connected = new Set(this.host.getPeers().map(String));
    let started = 0;
    for (const addr of new Set(this.addresses())) {
      if (started >= MAX_DIALS_PER_ROUND) break;
      const id = peerIdOfAddr(addr);
      if (id === self || this.inFlight.has(addr)) continue;
      if (id !== undefined && (connected.has(id) || this.scores.isBanned(id))) continue;
      started++;
      void this.dial(addr);
    }
  }

  /** Addresses whose dial failure was already reported at warn level. */
  private readonly warned = new Set<string>();

  private async dial(addr: string): Promise<void> {
    this.inFlight.add(addr);
    try {
      const id = peerIdOfAddr(addr);
      if (id !== undefined) peerIdFromString(id); // refuse garbage before touching the dialer
      const signal = AbortSignal.any([AbortSignal.timeout(DIAL_TIMEOUT_MS), this.stopController.signal]);
      await this.host.dial(multiaddr(addr), { signal });
    } catch (e) {
      if (!this.stopController.signal.aborted) {
        // Say it once at warn level (a wrong --peer should not go unnoticed), then quietly.
        const first = !this.warned.has(addr);
        if (first && this.warned.size < 256) this.warned.add(addr);
        const err = (e as Error).message.split("\n")[0];
        if (first) this.log.warn({ addr, err }, "cannot reach peer (will keep retrying)");
        else this.log.debug({ addr, err }, "dial failed");
      }
    } finally {
      this.inFlight.delete(addr);
    }
  }
}
