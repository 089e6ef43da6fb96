/**
 * A reorg across clearing blocks: from one chain with resting orders, a branch where two blocks
 * clear (fills, refunds, an expiry) and a heavier one where the seller cancels first and a
 * different book clears at another price. After the reorg the books, every order, the auction
 * records and fills, the balances and units, the routes' answers and the state root are exactly
 * the surviving branch's; and back when the first branch grows heavier again.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { getFromRoutes } from "../../testing/routes-app.js";
import {
  A,
  B,
  bookRows,
  C,
  checkConservation,
  D,
  KEYS,
  lastId,
  MINER,
  marketChain,
  mc,
  order,
  units,
  vc,
} from "./fixtures.test.js";
import { marketModule } from "./index.js";

const CLASSES = [1, 2];

/** Everything the market wrote, as the state and the routes show it. */
async function picture(t: ModuleTestChain) {
  const get = async (url: string) => (await getFromRoutes(marketModule, t.query("market"), url)).body;
  const orders = [];
  for (let id = 1; id <= lastId(t); id++) orders.push(order(t, id));
  return {
    height: t.height,
    books: CLASSES.map((c) => bookRows(t, c)),
    orders,
    coins: [...KEYS, MINER].map((k) => t.balance(k.pub)),
    units: CLASSES.map((c) => KEYS.map((k) => units(t, c, k))),
    bookRoutes: await Promise.all(CLASSES.map((c) => get(`/v1/market/books/${c}`))),
    auctions: await Promise.all(CLASSES.map((c) => get(`/v1/market/books/${c}/auctions`))),
    fills: await get(`/v1/market/fills?owner=${encodeAddress(C.pub)}`),
    stateRoot: toHex(t.c.chain.state.root()),
  };
}

test("a heavier branch replaces two clearing blocks exactly, and back", async () => {
  const a = closeAfterwards(marketChain());
  const b = closeAfterwards(marketChain());
  const aAgain = closeAfterwards(marketChain());
  // common: two classes, units for A and D, resting orders in both books
  const common = [
    await a.mine(a.call(A, vc.create(100_000)), a.call(A, vc.create(100_000))),
    await a.mine(a.call(A, vc.mint(1, A, 500n)), a.call(A, vc.mint(2, D, 500n))),
    await a.mine(
      a.call(A, mc.sell(1, 20n, 100n)),
      a.call(B, mc.buy(1, 5n, 90n, a.height + 2)),
      a.call(D, mc.sell(2, 30n, 50n)),
      a.call(B, mc.buy(2, 10n, 40n)),
    ),
  ];
  for (const other of [b, aAgain]) await other.followFrom(a, common);

  // branch A: C buys 15 of class 1 at 110 (clears at 105), B's buy at 90 expires, C buys class 2 at 60
  const a1 = await a.mine(a.call(C, mc.buy(1, 15n, 110n)));
  const a2 = await a.mine(a.call(C, mc.buy(2, 12n, 60n)));
  assert.equal(order(a, 5).status, 1, "C's buy filled");
  checkConservation(a, CLASSES);
  const first = await picture(a);

  // branch B: A cancels its sell in the first block; C's buy of class 2 at 70 clears there at another price
  b.c.clock += 1;
  const b1 = await b.mine(b.call(A, mc.cancel(1)), b.call(C, mc.buy(2, 25n, 70n)));
  const b2 = await b.mine(b.call(C, mc.buy(1, 15n, 110n)));
  const b3 = await b.mine();
  checkConservation(b, CLASSES);
  const survivor = await picture(b);
  assert.notDeepEqual(survivor.books, first.books);
  assert.notDeepEqual(survivor.coins, first.coins);

  a.c.clock = b.c.clock;
  const res = await a.importBlocks([b1, b2, b3]);
  assert.equal(res?.status, "head");
  assert.equal(res?.disconnected.length, 2, "branch A's two clearing blocks are undone");
  assert.deepEqual(await picture(a), survivor);
  checkConservation(a, CLASSES);

  // and back: branch A returns with two more blocks; so do its clearings
  await aAgain.importBlocks([a1, a2]);
  aAgain.c.clock = a.c.clock;
  const more = [await aAgain.mine(), await aAgain.mine()];
  await a.importBlocks(more);
  assert.equal(toHex(a.c.chain.head().hash), toHex(aAgain.c.chain.head().hash));
  const back = await picture(a);
  assert.deepEqual(back, await picture(aAgain));
  assert.deepEqual([back.books, back.orders, back.units], [first.books, first.orders, first.units]);
  checkConservation(a, CLASSES);
});
