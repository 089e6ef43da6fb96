import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BAN_DURATION_MS,
  BAN_THRESHOLD,
  PENALTY_INVALID_BLOCK,
  PENALTY_INVALID_TX,
  PENALTY_RATE_LIMIT,
  PeerScores,
  SCORE_RECOVERY_PER_MINUTE,
} from "./peer-scores.js";
import { TokenBucket } from "./rate-limit.js";

test("penalties add up; at the threshold the peer is banned once, for BAN_DURATION_MS", () => {
  let now = 1_000_000;
  const scores = new PeerScores(() => now);
  const bans: string[] = [];
  scores.onBan((id, reason) => bans.push(`${id}:${reason}`));
  assert.equal(scores.score("p"), 0);
  scores.penalize("p", PENALTY_INVALID_TX, "tx");
  scores.penalize("p", PENALTY_RATE_LIMIT, "rate");
  assert.equal(scores.score("p"), PENALTY_INVALID_TX + PENALTY_RATE_LIMIT);
  assert.ok(!scores.isBanned("p"));
  scores.penalize("p", PENALTY_INVALID_BLOCK, "block");
  assert.ok(scores.score("p") <= BAN_THRESHOLD);
  assert.ok(scores.isBanned("p"));
  scores.penalize("p", PENALTY_INVALID_BLOCK, "again"); // already banned: no second ban
  assert.deepEqual(bans, ["p:block"]);
  assert.ok(!scores.isBanned("q"));

  now += BAN_DURATION_MS - 1;
  assert.ok(scores.isBanned("p"));
  now += 1;
  assert.ok(!scores.isBanned("p"));
  assert.equal(scores.score("p"), 0, "a served ban starts from a clean slate");
});

test("the gater refuses banned peers for dials and both directions of connections", async () => {
  const scores = new PeerScores();
  scores.penalize("12D3KooWbanned", BAN_THRESHOLD, "test");
  const gater = scores.gater();
  const banned = { toString: () => "12D3KooWbanned" } as never;
  const fine = { toString: () => "12D3KooWfine" } as never;
  assert.equal(await gater.denyDialPeer?.(banned), true);
  assert.equal(await gater.denyInboundEncryptedConnection?.(banned, {} as never), true);
  assert.equal(await gater.denyOutboundEncryptedConnection?.(banned, {} as never), true);
  assert.equal(await gater.denyDialPeer?.(fine), false);
});

test("scores recover towards 0 over time", () => {
  let now = 0;
  const scores = new PeerScores(() => now);
  scores.penalize("p", PENALTY_INVALID_TX, "tx");
  now += 60_000;
  assert.equal(scores.score("p"), PENALTY_INVALID_TX + SCORE_RECOVERY_PER_MINUTE);
  now += 60 * 60_000;
  assert.equal(scores.score("p"), 0);
});

test("a token bucket allows its burst, then refills at its rate", () => {
  let now = 0;
  const bucket = new TokenBucket(3, 2, () => now);
  assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [true, true, true, false]);
  now += 500; // one token back
  assert.deepEqual([bucket.take(), bucket.take()], [true, false]);
  now += 60_000; // never above capacity
  assert.deepEqual([bucket.take(3), bucket.take()], [true, false]);
});
