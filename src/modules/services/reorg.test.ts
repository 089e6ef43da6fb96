/**
 * A reorg across listings, heartbeats, a rating and a withdrawal: from the same block (a listing),
 * branch A renews it, rates it and lists a second; a heavier branch B lets it lapse (the end of
 * block unlists it) and withdraws the bond. After the reorg every key of the services state and
 * every account is what branch B says, and the way back works the same.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import type { Block } from "../../codec/schema.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import {
  CLIENT,
  DELAY,
  fresh,
  lastId,
  listingAt,
  NOBODY,
  PERIOD,
  PROVIDER,
  PROVIDER2,
  sc,
  snapshot,
} from "./fixtures.test.js";

test("a heavier branch replaces one with heartbeats, a rating and a listing, and back", async () => {
  const a = closeAfterwards(fresh());
  const common: Block[] = [
    await a.mine(
      a.call(PROVIDER, sc.list({ bond: 4_000n })),
      a.call(NOBODY, sc.channel(1, CLIENT, PROVIDER)),
    ),
  ];
  const h = a.height;
  const b = closeAfterwards(fresh());
  await b.followFrom(a, common);
  b.c.clock = a.c.clock + 1; // other timestamps, other blocks

  // A: heartbeats, a rating, a second listing
  const branchA = [
    await a.mine(a.call(PROVIDER, sc.heartbeat(1))),
    await a.mine(a.call(CLIENT, sc.rate(1, 1, 5)), a.call(PROVIDER2, sc.list({ price: 3n }))),
    await a.mine(a.call(PROVIDER, sc.heartbeat(1))),
  ];
  const sA = snapshot(a);
  assert.equal(lastId(a), 2);

  // B: no heartbeat: lapses at h + PERIOD + 1, withdrawn at h + PERIOD + DELAY; longer than A
  const branchB: Block[] = [];
  while (b.height < h + PERIOD + DELAY - 1) branchB.push(await b.mine());
  assert.equal(listingAt(b, 1)?.listed, 0, "B's end of block unlisted it");
  branchB.push(await b.mine(b.call(PROVIDER, sc.withdraw(1))));
  const sB = snapshot(b);
  assert.equal(listingAt(b, 1), undefined);
  assert.notDeepEqual(sA, sB);

  a.c.clock = b.c.clock;
  await a.importBlocks(branchB);
  assert.equal(toHex(a.c.chain.head().hash), toHex(b.c.chain.head().hash), "A reorganised onto B");
  assert.deepEqual(snapshot(a), sB, "the state is what the surviving branch says");

  // and back: A's own branch grows heavier again
  const again = closeAfterwards(fresh());
  again.c.clock = a.c.clock;
  await again.importBlocks([...common, ...branchA]);
  const more: Block[] = [];
  while (again.height <= b.height) more.push(await again.mine());
  a.c.clock = again.c.clock;
  await a.importBlocks(more);
  assert.equal(toHex(a.c.chain.head().hash), toHex(again.c.chain.head().hash));
  assert.deepEqual(snapshot(a), snapshot(again));
  assert.equal(lastId(a), 2, "A's second listing is back");
  assert.equal(listingAt(a, 1)?.ratings, 1, "and the rating");
});
