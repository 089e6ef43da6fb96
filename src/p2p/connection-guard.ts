/**
 * Who may hold an inbound connection. libp2p bounds handshakes in progress and all
 * connections together (host.ts); on top of that:
 *
 * - a per-IP cap: at most `maxPerIp` inbound connections (handshaking or established) from
 *   one IPv4 address or IPv6 /64, refused before the Noise handshake costs us anything;
 * - an identify deadline: an inbound peer that has not completed identify within
 *   `identifyDeadlineMs` is disconnected and penalised (a fresh peer id costs nothing, so
 *   the point is the slot, not the score);
 * - eviction when the inbound slots are full, after Bitcoin Core's (simplified): a newcomer
 *   displaces the peer that has gone longest (at least IDENTIFY_GRACE_MS) without
 *   identifying; else it waits in a probation slot until it identifies itself, and only then
 *   displaces one: never an outbound peer, never one of the longest-connected peers in good
 *   standing, else the worst-scored, else the youngest of the most crowded netgroup.
 */
import { isIPv4 } from "node:net";
import type { Connection, ConnectionGater, IdentifyResult, MultiaddrConnection } from "@libp2p/interface";
import { tryGetNetConfig } from "@libp2p/utils";
import type { Multiaddr } from "@multiformats/multiaddr";
import type { Host } from "./host.js";
import { PENALTY_NOT_IDENTIFIED, type PeerScores } from "./peer-scores.js";
import type { NetworkLog } from "./types.js";

/** Inbound connections kept; a newcomer beyond them displaces one (or waits on probation). */
export const MAX_INBOUND_CONNECTIONS = 64;
/** Newcomers held above MAX_INBOUND_CONNECTIONS while they identify; beyond them one is refused. */
export const INBOUND_PROBATION_SLOTS = 8;
/** Inbound connections (handshaking or established) from one IPv4 address or IPv6 /64. */
export const MAX_INBOUND_PER_IP = 8;
/** An inbound peer that has not identified by then is disconnected (identify itself gives up after 5 s). */
export const IDENTIFY_DEADLINE_MS = 10_000;
/** Time an inbound peer has to identify before a newcomer may displace it (identify takes a round trip). */
export const IDENTIFY_GRACE_MS = 2_000;
/** The longest-connected identified inbound peers that eviction never picks… */
export const PROTECTED_LONGEST_CONNECTED = 8;
/** …as long as their score is above this (a peer worse than this has lost its protection). */
export const PROTECTED_MIN_SCORE = -25;
/** How often the identify deadline is checked. */
const SWEEP_INTERVAL_MS = 1_000;

export interface ConnectionLimits {
  maxInbound: number;
  probationSlots: number;
  maxPerIp: number;
  /** Apply the per-IP cap to loopback addresses too (default: exempt, devnets run on one host). */
  limitLoopback: boolean;
  identifyDeadlineMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxInbound: MAX_INBOUND_CONNECTIONS,
  probationSlots: INBOUND_PROBATION_SLOTS,
  maxPerIp: MAX_INBOUND_PER_IP,
  limitLoopback: false,
  identifyDeadlineMs: IDENTIFY_DEADLINE_MS,
};

/** The 8 groups of an IPv6 address (IPv4-mapped tails included), or undefined. */
function ipv6Groups(host: string): number[] | undefined {
  let h = host.toLowerCase().split("%")[0];
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    h = `${h.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = h.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const zeros = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array<string>(Math.max(0, zeros)).fill("0"), ...tail].map((g) =>
    parseInt(g, 16),
  );
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

/** An IPv4 address as such, an IPv4-mapped IPv6 address as its IPv4 address, else IPv6 groups. */
function parseIp(host: string): { v4: number[] } | { v6: number[] } | undefined {
  if (isIPv4(host)) return { v4: host.split(".").map(Number) };
  const g = ipv6Groups(host);
  if (!g) return undefined;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return { v4: [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff] };
  }
  return { v6: g };
}

/** `host`'s first `v4Bytes` bytes (IPv4) or `v6Groups` groups (IPv6), as a prefix "ADDR/BITS". */
function prefixOf(host: string, v4Bytes: number, v6Groups: number): string {
  const ip = parseIp(host);
  if (!ip) return host;
  if ("v4" in ip)
    return v4Bytes === 4 ? ip.v4.join(".") : `${ip.v4.slice(0, v4Bytes).join(".")}/${v4Bytes * 8}`;
  const groups = ip.v6.slice(0, v6Groups).map((g) => g.toString(16));
  return `${groups.join(":")}::/${v6Groups * 16}`;
}

/** The address the per-IP cap counts: an IPv4 address, or the /64 of an IPv6 one (a host often holds a whole /64). */
export const ipKey = (host: string): string => prefixOf(host, 4, 4);

/** Bitcoin's netgroup: IPv4 /16, IPv6 /32. Peers in one netgroup are likely one operator. */
export const netgroup = (host: string): string => prefixOf(host, 2, 2);

/** 127.0.0.0/8 and ::1 (and their IPv4-mapped forms). */
export function isLoopback(host: string): boolean {
  const ip = parseIp(host);
  if (!ip) return false;
  if ("v4" in ip) return ip.v4[0] === 127;
  return ip.v6.slice(0, 7).every((g) => g === 0) && ip.v6[7] === 1;
}

function hostOf(addr: Multiaddr): string | undefined {
  const c = tryGetNetConfig(addr);
  return c && (c.type === "ip4" || c.type === "ip6") ? c.host : undefined;
}

/** What eviction knows of an inbound connection. */
export interface EvictionCandidate {
  /** Connection id. */
  id: string;
  netgroup: string;
  /** When it opened (ms). */
  openedAt: number;
  identified: boolean;
  score: number;
}

const oldestFirst = (a: EvictionCandidate, b: EvictionCandidate) => a.openedAt - b.openedAt;

/**
 * The inbound connection to close to make room, or undefined when every one is protected:
 * 1. one that has not identified: the one that has had the longest to do it;
 * 2. else, leaving out the PROTECTED_LONGEST_CONNECTED longest-connected peers whose score is
 *    above PROTECTED_MIN_SCORE, the worst-scored peer if any has been penalised (ties: youngest);
 * 3. else the youngest connection of the netgroup holding the most connections.
 */
export function pickEviction(candidates: EvictionCandidate[]): EvictionCandidate | undefined {
  const unidentified = candidates.filter((c) => !c.identified).sort(oldestFirst);
  if (unidentified.length > 0) return unidentified[0];
  const protectedIds = new Set(
    candidates
      .filter((c) => c.score > PROTECTED_MIN_SCORE)
      .sort(oldestFirst)
      .slice(0, PROTECTED_LONGEST_CONNECTED)
      .map((c) => c.id),
  );
  const rest = candidates.filter((c) => !protectedIds.has(c.id)).sort((a, b) => b.openedAt - a.openedAt);
  if (rest.length === 0) return undefined;
  const worst = rest.reduce((w, c) => (c.score < w.score ? c : w));
  if (worst.score < 0) return worst;
  const groups = new Map<string, EvictionCandidate[]>();
  for (const c of rest) groups.set(c.netgroup, [...(groups.get(c.netgroup) ?? []), c]);
  // `rest` runs youngest first, so each group's first member is its youngest; ties go to
  // the group met first, the one holding the youngest connection.
  let crowded: EvictionCandidate[] = [];
  for (const g of groups.values()) if (g.length > crowded.length) crowded = g;
  return crowded[0];
}

export class ConnectionGuard {
  /** Inbound connections the per-IP cap let in (handshaking or established), by their IP key. */
  private readonly admitted = new Map<MultiaddrConnection, string>();
  /** Connections (ids) on which identify completed. */
  private readonly identified = new Set<string>();
  private host: Host | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly scores: PeerScores,
    private readonly log: NetworkLog,
    private readonly now: () => number = Date.now,
  ) {}

  /** The gater check for new inbound TCP connections (before the handshake). */
  gater(): Pick<ConnectionGater, "denyInboundConnection"> {
    return { denyInboundConnection: (maConn) => this.denyInbound(maConn) };
  }

  /** Starts watching `host`'s connections (events and the identify deadline). */
  attach(host: Host): void {
    this.host = host;
    host.addEventListener("connection:open", (e) => this.onOpen(e.detail));
    host.addEventListener("connection:close", (e) => this.identified.delete(e.detail.id));
    host.addEventListener("peer:identify", (e) => this.onIdentify(e.detail));
    this.timer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** True (deny) when the connection's IP already holds `maxPerIp` inbound connections. */
  private denyInbound(maConn: MultiaddrConnection): boolean {
    const host = hostOf(maConn.remoteAddr);
    if (host === undefined || (isLoopback(host) && !this.limits.limitLoopback)) return false;
    const key = ipKey(host);
    let count = 0;
    for (const [conn, k] of this.admitted) {
      if (conn.status !== "open") this.admitted.delete(conn);
      else if (k === key) count++;
    }
    if (count >= this.limits.maxPerIp) {
      this.log.debug({ ip: key, limit: this.limits.maxPerIp }, "refused inbound connection: per-IP cap");
      return true;
    }
    this.admitted.set(maConn, key);
    maConn.addEventListener("close", () => this.admitted.delete(maConn), { once: true });
    return false;
  }

  private inbound(): Connection[] {
    return (this.host?.getConnections() ?? []).filter(
      (c) => c.direction === "inbound" && c.status === "open",
    );
  }

  private candidate(c: Connection): EvictionCandidate {
    const host = hostOf(c.remoteAddr);
    return {
      id: c.id,
      netgroup: host === undefined ? c.remoteAddr.toString() : netgroup(host),
      openedAt: c.timeline.open,
      identified: this.identified.has(c.id),
      score: this.scores.score(c.remotePeer.toString()),
    };
  }

  private close(c: Connection, reason: string): void {
    this.log.debug(
      { peer: c.remotePeer.toString(), addr: c.remoteAddr.toString(), reason },
      "closing inbound connection",
    );
    c.abort(new Error(reason));
  }

  /**
   * A new connection when the inbound slots are full: it displaces the peer that has gone
   * longest without identifying if that one has had IDENTIFY_GRACE_MS; otherwise it waits on
   * probation (onIdentify makes room once it has identified), and when probation is full too,
   * the oldest unidentified connection goes anyway (or, if every other has identified, the
   * newcomer).
   */
  private onOpen(conn: Connection): void {
    if (conn.direction !== "inbound") return;
    const inbound = this.inbound();
    if (inbound.length <= this.limits.maxInbound) return;
    const waiting = inbound
      .filter((c) => c.id !== conn.id && !this.identified.has(c.id))
      .map((c) => this.candidate(c));
    const stale = waiting.filter((c) => this.now() - c.openedAt >= IDENTIFY_GRACE_MS);
    const reason = "inbound slots full: displaced by a newcomer before identifying";
    if (stale.length > 0) this.evict(inbound, pickEviction(stale), reason);
    else if (inbound.length <= this.limits.maxInbound + this.limits.probationSlots) return;
    else if (waiting.length > 0) this.evict(inbound, pickEviction(waiting), reason);
    else this.close(conn, "inbound slots and probation slots full");
  }

  private onIdentify(result: IdentifyResult): void {
    const conn = result.connection;
    if (conn.status !== "open") return; // closed meanwhile: nothing to keep
    this.identified.add(conn.id);
    if (conn.direction !== "inbound") return;
    const inbound = this.inbound();
    if (inbound.length <= this.limits.maxInbound) return;
    const victim = pickEviction(inbound.filter((c) => c.id !== conn.id).map((c) => this.candidate(c)));
    if (victim) this.evict(inbound, victim, "inbound slots full: evicted for a newcomer");
    else this.close(conn, "inbound slots full and every peer protected");
  }

  private evict(inbound: Connection[], victim: EvictionCandidate | undefined, reason: string): void {
    const conn = victim && inbound.find((c) => c.id === victim.id);
    if (conn) this.close(conn, reason);
  }

  /** Disconnects (and penalises) inbound peers that have not identified by the deadline (every second). */
  sweep(): void {
    const deadline = this.now() - this.limits.identifyDeadlineMs;
    for (const c of this.inbound()) {
      if (this.identified.has(c.id) || c.timeline.open > deadline) continue;
      const peer = c.remotePeer.toString();
      this.close(c, `did not identify within ${this.limits.identifyDeadlineMs / 1000} s`);
      this.scores.penalize(peer, PENALTY_NOT_IDENTIFIED, "did not identify in time");
    }
  }
}
