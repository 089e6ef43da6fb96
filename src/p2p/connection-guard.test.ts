import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type EvictionCandidate,
  ipKey,
  isLoopback,
  netgroup,
  PROTECTED_LONGEST_CONNECTED,
  PROTECTED_MIN_SCORE,
  pickEviction,
} from "./connection-guard.js";

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
