import assert from "node:assert/strict";
import { test } from "node:test";
import type { MultiaddrConnection } from "@libp2p/interface";
import { multiaddr } from "@multiformats/multiaddr";
import {
  ConnectionGuard,
  DEFAULT_CONNECTION_LIMITS,
  type EvictionCandidate,
  IDENTIFY_GRACE_MS,
  ipKey,
  isLoopback,
  netgroup,
  PROTECTED_LONGEST_CONNECTED,
  PROTECTED_MIN_SCORE,
  pickEviction,
} from "./connection-guard.js";
import type { Host } from "./host.js";
import { PENALTY_NOT_IDENTIFIED, PeerScores } from "./peer-scores.js";
import { memoryLog } from "./testing.js";

test("IP keys: IPv4 as is, IPv6 by /64, IPv4-mapped as IPv4; netgroups /16 and /32; loopback", () => {
  assert.equal(ipKey("203.0.113.7"), "203.0.113.7");
  assert.equal(ipKey("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  assert.equal(ipKey("2001:db8:1:2::9"), "2001:db8:1:2::/64");
  assert.equal(ipKey("2001:db8::1"), "2001:db8:0:0::/64");
  assert.equal(ipKey("::ffff:203.0.113.7"), "203.0.113.7");
  assert.equal(netgroup("203.0.113.7"), "203.0/16");
  assert.equal(netgroup("2001:db8:1:2::9"), "2001:db8::/32");
  for (const h of ["127.0.0.1", "127.3.2.1", "::1", "::ffff:127.0.0.1"]) assert.ok(isLoopback(h), h);
  for (const h of ["10.0.0.1", "::", "2001:db8::1", "not an ip"]) assert.equal(isLoopback(h), false, h);
});

let next = 0;
function cand(over: Partial<EvictionCandidate>): EvictionCandidate {
  next++;
  return {
    id: `c${next}`,
    netgroup: `10.${next}/16`,
    openedAt: next * 1000,
    identified: true,
    score: 0,
    ...over,
  };
}

test("eviction: an unidentified peer first, the one waiting longest", () => {
  const old = cand({ identified: false, openedAt: 5 });
  const young = cand({ identified: false, openedAt: 50 });
  const bad = cand({ score: -90 });
  assert.equal(pickEviction([bad, young, old])?.id, old.id);
});

test("eviction: the longest-connected good peers are protected; then the worst score; then the most crowded netgroup's youngest", () => {
  // The protected ones are the oldest and in good standing, even from one crowded netgroup.
  const elders = Array.from({ length: PROTECTED_LONGEST_CONNECTED }, (_, i) =>
    cand({ openedAt: i, netgroup: "1.1/16" }),
  );
  const a1 = cand({ openedAt: 100, netgroup: "2.2/16" });
  const a2 = cand({ openedAt: 200, netgroup: "2.2/16" });
  const b1 = cand({ openedAt: 300, netgroup: "3.3/16" });
  assert.equal(pickEviction([...elders, a1, a2, b1])?.id, a2.id, "youngest of the crowded netgroup 2.2");
  const penalised = cand({ openedAt: 50, score: -10 });
  assert.equal(pickEviction([...elders, a1, a2, b1, penalised])?.id, penalised.id, "worst score first");
  // An old peer that has misbehaved badly loses its protection.
  const fallen = cand({ openedAt: -1, score: PROTECTED_MIN_SCORE - 1 });
  assert.equal(pickEviction([...elders, fallen, a1])?.id, fallen.id);
  // Nothing but protected peers: nobody to evict.
  assert.equal(pickEviction(elders), undefined);
  assert.equal(pickEviction([]), undefined);
});

/** A connection as the guard sees it; `abort` marks it closed. */
function fakeConn(id: string, ip: string, openedAt: number, direction: "inbound" | "outbound" = "inbound") {
  return {
    id,
    direction,
    status: "open",
    remoteAddr: multiaddr(`/ip4/${ip}/tcp/4000`),
    remotePeer: { toString: () => `peer-${id}` },
    timeline: { open: openedAt },
    abort() {
      this.status = "aborted";
    },
  };
}

/** A host that holds `conns` and lets the test fire its events. */
function fakeHost() {
  const conns: ReturnType<typeof fakeConn>[] = [];
  const listeners = new Map<string, (e: { detail: unknown }) => void>();
  const host = {
    getConnections: () => conns.filter((c) => c.status === "open"),
    addEventListener: (type: string, fn: (e: { detail: unknown }) => void) => listeners.set(type, fn),
  };
  return {
    host: host as unknown as Host,
    open(c: ReturnType<typeof fakeConn>) {
      conns.push(c);
      listeners.get("connection:open")?.({ detail: c });
    },
    identify(c: ReturnType<typeof fakeConn>) {
      listeners.get("peer:identify")?.({ detail: { connection: c } });
    },
  };
}

test("guard: per-IP cap before the handshake, loopback exempt unless limited", () => {
  const scores = new PeerScores();
  const maConn = (ip: string) => {
    const target = new EventTarget();
    return Object.assign(target, { remoteAddr: multiaddr(`/ip4/${ip}/tcp/5000`), status: "open" });
  };
  const deny = (g: ConnectionGuard, c: ReturnType<typeof maConn>) =>
    g.gater().denyInboundConnection?.(c as unknown as MultiaddrConnection);
  const guard = new ConnectionGuard({ ...DEFAULT_CONNECTION_LIMITS, maxPerIp: 2 }, scores, memoryLog());
  const [a, b, c] = [maConn("203.0.113.1"), maConn("203.0.113.1"), maConn("203.0.113.1")];
  assert.deepEqual([deny(guard, a), deny(guard, b), deny(guard, c)], [false, false, true]);
  assert.equal(deny(guard, maConn("203.0.113.2")), false, "another address has its own count");
  a.dispatchEvent(new Event("close"));
  assert.equal(deny(guard, c), false, "a closed connection frees its place");
  for (let i = 0; i < 5; i++) assert.equal(deny(guard, maConn("127.0.0.1")), false, "loopback exempt");
  const strict = new ConnectionGuard(
    { ...DEFAULT_CONNECTION_LIMITS, maxPerIp: 2, limitLoopback: true },
    scores,
    memoryLog(),
  );
  const loops = [maConn("127.0.0.1"), maConn("127.0.0.1"), maConn("127.0.0.1"), maConn("127.0.0.2")];
  assert.deepEqual(
    loops.map((m) => deny(strict, m)),
    [false, false, true, false],
  );
});

test("guard: newcomers displace stale unidentified peers, wait on probation, then evict the worst; the identify deadline closes and penalises", () => {
  let now = 100_000;
  const scores = new PeerScores(() => now);
  const limits = {
    ...DEFAULT_CONNECTION_LIMITS,
    maxInbound: 2,
    probationSlots: 1,
    identifyDeadlineMs: 10_000,
  };
  const guard = new ConnectionGuard(limits, scores, memoryLog(), () => now);
  const h = fakeHost();
  guard.attach(h.host);
  const status = (...cs: { status: string }[]) => cs.map((c) => c.status);
  try {
    const out = fakeConn("out", "198.51.100.9", now - 90_000, "outbound");
    const c1 = fakeConn("c1", "198.51.100.1", now - 60_000);
    const c2 = fakeConn("c2", "198.51.100.2", now - 50_000);
    for (const c of [out, c1, c2]) {
      h.open(c);
      h.identify(c);
    }
    // c1 misbehaved: it loses the protection of the long-connected.
    scores.penalize("peer-c1", PROTECTED_MIN_SCORE - 5, "test");
    // Slots full of identified peers: the newcomer waits on probation; once identified it evicts c1.
    const c3 = fakeConn("c3", "198.51.100.3", now);
    h.open(c3);
    assert.deepEqual(status(c1, c3), ["open", "open"]);
    h.identify(c3);
    assert.deepEqual(status(out, c1, c2, c3), ["open", "aborted", "open", "open"]);
    // Probation full (c4, not identified yet, too young to be displaced): c5 takes its place anyway.
    const c4 = fakeConn("c4", "198.51.100.4", now);
    h.open(c4);
    const c5 = fakeConn("c5", "198.51.100.5", now);
    h.open(c5);
    assert.deepEqual(status(c4, c5), ["aborted", "open"]);
    // After the grace period an unidentified peer is displaced by the next newcomer at once.
    now += IDENTIFY_GRACE_MS;
    const c6 = fakeConn("c6", "198.51.100.6", now);
    h.open(c6);
    assert.deepEqual(status(c5, c6), ["aborted", "open"]);
    // The identify deadline: c6 never identifies.
    now += limits.identifyDeadlineMs;
    guard.sweep();
    assert.equal(c6.status, "aborted");
    assert.equal(scores.score("peer-c6"), PENALTY_NOT_IDENTIFIED);
    // Every other peer identified and protected: an identified newcomer beyond the slots is closed.
    const c7 = fakeConn("c7", "198.51.100.7", now);
    h.open(c7);
    h.identify(c7);
    assert.deepEqual(status(out, c2, c3, c7), ["open", "open", "open", "aborted"]);
  } finally {
    guard.stop();
  }
});
