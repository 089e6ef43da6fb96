/**
 * Expiry and bounded pruning, and the bound on open grants per payer, on a real chain: a payer
 * opens the most grants allowed (100), all expiring at the same height E; one more is refused until
 * it revokes one. The end of block E prunes 64 steps (the bucket, then 63 queue items: the revoked
 * grant is one of them), the end of E + 1 the rest; the grant without expiry stays.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { QueueCursor } from "../../module/height-queue.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import { ac, CARRIER, fresh, grantAt, lastId, nextBlockAt, openOf, PAYER, SHOP } from "./fixtures.test.js";
import { MAX_GRANTS_PER_PAYER } from "./kinds/grant.js";
import { MAX_PRUNE_PER_BLOCK } from "./prune.js";
import { dueAt } from "./store.js";

/** The pruning cursor (key t, src/module/height-queue.ts). */
const cursorOf = (t: { state(m: string): { get(k: Uint8Array): Uint8Array | undefined } }) => {
  const raw = t.state("allowances").get(new TextEncoder().encode("t"));
  return raw && QueueCursor.deserialize(raw);
};

test("100 open grants at most; expired ones pruned 64 steps a block, the rest in the next", async () => {
  assert.equal(MAX_GRANTS_PER_PAYER, 100);
  assert.equal(MAX_PRUNE_PER_BLOCK, 64);
  const t = closeAfterwards(fresh());
  const E = t.height + 10;
  for (let b = 0; b < 4; b++)
    await t.mine(
      ...Array.from({ length: 25 }, (_, i) =>
        t.call(PAYER, ac.grant(i % 2 ? CARRIER : SHOP, { limit: 10n, period: 3, expiry: E })),
      ),
    );
  assert.equal(openOf(t, PAYER), 100);
  t.refuse(t.call(PAYER, ac.grant(CARRIER, { limit: 1n, period: 1 }), false), "ALLOWANCES_TOO_MANY");
  await t.mine(t.call(PAYER, ac.revoke(1)));
  await t.mine(t.call(PAYER, ac.grant(CARRIER, { limit: 1n, period: 1 }))); // grant 101, no expiry
  assert.equal(openOf(t, PAYER), 100);
  assert.equal(dueAt(t.state("allowances"), E), 100, "the revoked grant stays queued");

  // a pull at E − 1 passes; at E the grants are expired but still there until the end of block E
  await nextBlockAt(t, E - 1);
  await t.mine(t.call(CARRIER, ac.pull(2, 10n)));
  t.refuse(t.call(CARRIER, ac.pull(2, 1n), false), "ALLOWANCES_EXPIRED");
  assert.equal(grantAt(t, 2)?.expiry, E);

  await t.mine(); // block E: bucket E (1 step) + queue items 1 .. 63 (63 steps): grants 2 .. 63 pruned
  assert.equal(t.height, E);
  assert.equal(openOf(t, PAYER), 100 - 62);
  assert.deepEqual(cursorOf(t), { bucket: E, index: 63 });
  assert.equal(grantAt(t, 63), undefined);
  assert.equal(grantAt(t, 64)?.id, 64);

  await t.mine(); // block E + 1: bucket E (1) + items 64 .. 100 (37) + bucket E + 1 (1)
  assert.equal(openOf(t, PAYER), 1);
  assert.deepEqual(cursorOf(t), { bucket: E + 2, index: 0 });
  assert.equal(dueAt(t.state("allowances"), E), 0, "the bucket is gone");
  for (let id = 1; id <= 100; id++) assert.equal(grantAt(t, id), undefined, `grant ${id}`);
  assert.equal(grantAt(t, 101)?.id, 101, "no expiry: never pruned");
  assert.equal(lastId(t), 101, "ids are never reused");
  const keys = t.query("allowances").scan(new TextEncoder().encode("e/"), 10);
  assert.deepEqual(keys, [], "the expiry queue is empty");
});
