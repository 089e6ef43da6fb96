/**
 * A reorg across a pull and a grant: from the same blocks (a grant), branch A pulls twice across a
 * period boundary and makes a second grant; a heavier branch B changes the limit, pulls once, and
 * revokes. After the reorg every key of the allowances state and every account is what branch B
 * says, and the way back works the same.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import type { Block } from "../../codec/schema.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import { ac, CARRIER, fresh, grantAt, lastId, PAYER, PAYER2, SHOP, snapshot } from "./fixtures.test.js";

test("a heavier branch replaces one with pulls and a grant, and back", async () => {
  const a = closeAfterwards(fresh());
  const common: Block[] = [
    await a.mine(a.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 2, expiry: 12 }))),
  ];
  const b = closeAfterwards(fresh());
  await b.followFrom(a, common);
  b.c.clock = a.c.clock + 1; // other timestamps, other blocks

  // A: pulls in periods 0 and 1, a second grant; a pull to the shop
  const branchA = [
    await a.mine(a.call(CARRIER, ac.pull(1, 100n))),
    await a.mine(
      a.call(CARRIER, ac.pull(1, 70n, SHOP)),
      a.call(PAYER2, ac.grant(SHOP, { limit: 5n, period: 1 })),
    ),
    await a.mine(),
  ];
  const sA = snapshot(a);
  assert.equal(lastId(a), 2);

  // B: the limit changed to 30, one pull, then revoked; one block more than A
  const branchB = [
    await b.mine(b.call(PAYER, ac.change(1, 100n, 30n))),
    await b.mine(b.call(CARRIER, ac.pull(1, 30n))),
    await b.mine(b.call(PAYER, ac.revoke(1))),
    await b.mine(),
  ];
  const sB = snapshot(b);
  assert.equal(lastId(b), 1);
  assert.notDeepEqual(sA, sB);

  a.c.clock = b.c.clock;
  await a.importBlocks(branchB);
  assert.equal(toHex(a.c.chain.head().hash), toHex(b.c.chain.head().hash), "A reorganised onto B");
  assert.deepEqual(snapshot(a), sB, "the state is what the surviving branch says");

  // and back: A's own branch grows heavier again, through the expiry (12) and its pruning
  const again = closeAfterwards(fresh());
  again.c.clock = a.c.clock;
  await again.importBlocks([...common, ...branchA]);
  const more: Block[] = [];
  while (again.height < 13) more.push(await again.mine());
  a.c.clock = again.c.clock;
  await a.importBlocks(more);
  assert.equal(toHex(a.c.chain.head().hash), toHex(again.c.chain.head().hash));
  assert.deepEqual(snapshot(a), snapshot(again));
  assert.equal(lastId(a), 2, "A's second grant is back");
  assert.equal(grantAt(a, 1), undefined, "grant 1 expired at 12 and was pruned");
  assert.equal(grantAt(a, 2)?.payer.length, 32);
});
