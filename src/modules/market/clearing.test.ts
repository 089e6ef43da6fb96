/**
 * Clearing on a real chain against hand-computed books (the tables are those of clear.test.ts):
 * one crossing order, a tie on volume broken by the imbalance, a tie broken by the midpoint, a
 * partial fill at the clearing price by time priority (earlier block first, then earlier
 * position in the block), no cross, and an order that expires before the clearing of the block
 * that would have filled it. Each time: who paid and received what, who got the units, what
 * the auction record says, what rests in the book, and the conservation of coins and units.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { closeAfterwards } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import {
  A,
  auction,
  B,
  bookRows,
  C,
  checkConservation,
  classWithUnits,
  D,
  E,
  FEE,
  marketChain,
  mc,
  order,
  orderStatus,
  units,
} from "./fixtures.test.js";

const fresh = () => closeAfterwards(marketChain());
const plainAuction = (t: ModuleTestChain, classId: number, height: number) => {
  const a = auction(t, classId, height);
  return a && [Number(a.price), Number(a.volume), Number(a.demand), Number(a.supply), a.fills];
};

test("one crossing order: a buy at 102 meets resting sells at 100 and 105 and clears at 101 in its block", async () => {
  const t = fresh();
  const cls = await classWithUnits(t, [A], 1_000n);
  await t.mine(
    t.call(A, mc.sell(cls, 10n, 100n)),
    t.call(A, mc.sell(cls, 10n, 105n)),
    t.call(B, mc.buy(cls, 5n, 90n)),
  );
  assert.deepEqual(bookRows(t, cls), [
    [1, "sell", 100, 10],
    [2, "sell", 105, 10],
    [3, "buy", 90, 5],
  ]);
  const [a0, c0] = [t.balance(A.pub), t.balance(C.pub)];
  await t.mine(t.call(C, mc.buy(cls, 8n, 102n)));
  const h = t.height;
  assert.deepEqual(plainAuction(t, cls, h), [101, 8, 8, 10, 2]);
  // the buyer escrowed 8 × 102 = 816, paid 8 × 101 = 808 and got 8 back at once; the seller got 808
  assert.equal(t.balance(C.pub), c0 - FEE - 808n);
  assert.equal(t.balance(A.pub), a0 + 808n);
  assert.equal(units(t, cls, C), 8n);
  assert.equal(units(t, cls, A), 980n, "12 units still in escrow");
  assert.deepEqual(bookRows(t, cls), [
    [1, "sell", 100, 2],
    [2, "sell", 105, 10],
    [3, "buy", 90, 5],
  ]);
  assert.equal(orderStatus(t, 4), "filled");
  assert.equal(order(t, 4).coins, 808n);
  assert.equal(order(t, 1).remaining, 2n);
  assert.equal(order(t, 1).fills, 1);
  checkConservation(t, [cls]);
});

test("a tie on volume is broken by the imbalance: 105, not 100", async () => {
  const t = fresh();
  const cls = await classWithUnits(t, [A], 1_000n);
  const [a0, b0, c0] = [t.balance(A.pub), t.balance(B.pub), t.balance(C.pub)];
  await t.mine(
    t.call(B, mc.buy(cls, 10n, 105n)),
    t.call(A, mc.sell(cls, 6n, 95n)),
    t.call(A, mc.sell(cls, 4n, 100n)),
    t.call(C, mc.buy(cls, 3n, 100n)),
  );
  assert.deepEqual(plainAuction(t, cls, t.height), [105, 10, 10, 10, 3]);
  assert.equal(t.balance(B.pub), b0 - FEE - 1_050n);
  assert.equal(t.balance(A.pub), a0 - 2n * FEE + 1_050n, "both sells got 105, above their limits");
  assert.equal(t.balance(C.pub), c0 - FEE - 300n, "the buy at 100 rests, its escrow held");
  assert.deepEqual(bookRows(t, cls), [[4, "buy", 100, 3]]);
  checkConservation(t, [cls]);
});

test("a tie on volume and imbalance is broken by the midpoint: floor((100 + 131) / 2) = 115", async () => {
  const t = fresh();
  const cls = await classWithUnits(t, [A, D], 1_000n);
  const [a0, b0] = [t.balance(A.pub), t.balance(B.pub)];
  await t.mine(
    t.call(B, mc.buy(cls, 10n, 131n)),
    t.call(A, mc.sell(cls, 10n, 100n)),
    t.call(C, mc.buy(cls, 2n, 90n)),
    t.call(D, mc.sell(cls, 3n, 140n)),
  );
  assert.deepEqual(plainAuction(t, cls, t.height), [115, 10, 10, 10, 2]);
  assert.equal(t.balance(B.pub), b0 - FEE - 1_150n, "escrow 1,310, refund 160");
  assert.equal(t.balance(A.pub), a0 - FEE + 1_150n);
  assert.equal(units(t, cls, B), 10n);
  assert.deepEqual(bookRows(t, cls), [
    [3, "buy", 90, 2],
    [4, "sell", 140, 3],
  ]);
  checkConservation(t, [cls]);
});

test("at the clearing price the larger side fills by time: earlier block first, then earlier in the block", async () => {
  const t = fresh();
  const cls = await classWithUnits(t, [A], 1_000n);
  // block k: C's buy before B's, both at 100; nothing to sell yet, they rest
  await t.mine(t.call(C, mc.buy(cls, 4n, 100n)), t.call(B, mc.buy(cls, 4n, 100n)));
  const [b0, c0, d0, e0] = [B, C, D, E].map((k) => t.balance(k.pub));
  // block k + 1: D's buy at 100 comes first in the block, E's at 110, then A sells 10 at 100
  await t.mine(
    t.call(D, mc.buy(cls, 4n, 100n)),
    t.call(E, mc.buy(cls, 3n, 110n)),
    t.call(A, mc.sell(cls, 10n, 100n)),
  );
  //  price   demand  supply  volume:  100: 15 / 10 → 10;  110: 3 / 10 → 3   → p = 100
  // E (above the price) fills 3; then at 100, by time: C 4 (block k, first), B the last 3 (block k), D nothing
  assert.deepEqual(plainAuction(t, cls, t.height), [100, 10, 15, 10, 4]);
  assert.deepEqual(
    [1, 2, 3, 4].map((id) => [orderStatus(t, id), Number(order(t, id).remaining)]),
    [
      ["filled", 0],
      ["open", 1],
      ["open", 4],
      ["filled", 0],
    ],
  );
  assert.deepEqual(
    [C, B, D, E].map((k) => units(t, cls, k)),
    [4n, 3n, 0n, 3n],
  );
  assert.equal(t.balance(E.pub), e0 - FEE - 300n, "E paid 100, not its 110: 30 back");
  assert.equal(t.balance(C.pub), c0);
  assert.equal(t.balance(B.pub), b0);
  assert.equal(t.balance(D.pub), d0 - FEE - 400n, "D's escrow rests with its order");
  assert.deepEqual(bookRows(t, cls), [
    [2, "buy", 100, 1],
    [3, "buy", 100, 4],
  ]);
  checkConservation(t, [cls]);
});

test("no cross: the book rests, nothing is recorded", async () => {
  const t = fresh();
  const cls = await classWithUnits(t, [A], 1_000n);
  await t.mine(t.call(B, mc.buy(cls, 10n, 99n)), t.call(A, mc.sell(cls, 10n, 100n)));
  assert.equal(auction(t, cls, t.height), undefined);
  assert.deepEqual(bookRows(t, cls), [
    [1, "buy", 99, 10],
    [2, "sell", 100, 10],
  ]);
  await t.mine();
  assert.equal(auction(t, cls, t.height), undefined);
  checkConservation(t, [cls]);
});

test("an order whose expiry has passed leaves the book, refunded, before the clearing of that block", async () => {
  const t = fresh();
  const cls = await classWithUnits(t, [A], 1_000n);
  const b0 = t.balance(B.pub);
  // B's buy rests only in the block that places it (expiry = its height), with nothing to meet
  await t.mine(t.call(B, mc.buy(cls, 10n, 120n, t.height + 1)));
  assert.equal(orderStatus(t, 1), "open");
  assert.equal(t.balance(B.pub), b0 - FEE - 1_200n);
  // the next block brings a sell that would cross it: B's order has left first
  await t.mine(t.call(A, mc.sell(cls, 10n, 100n)));
  assert.equal(orderStatus(t, 1), "expired");
  assert.equal(order(t, 1).closedAt, t.height);
  assert.equal(t.balance(B.pub), b0 - FEE, "the escrow returned in that block");
  assert.equal(auction(t, cls, t.height), undefined);
  assert.deepEqual(bookRows(t, cls), [[2, "sell", 100, 10]]);
  checkConservation(t, [cls]);
});

test("the worked example of docs/market.md", async () => {
  const t = fresh();
  const cls = await classWithUnits(t, [A, D], 1_000n);
  // blocks 3 and 4 of the docs: sells at 10, 15 (A) and 20 (D), a buy at 5 (B): nothing crosses
  await t.mine(t.call(A, mc.sell(cls, 200n, 10n)), t.call(A, mc.sell(cls, 100n, 15n)));
  await t.mine(t.call(D, mc.sell(cls, 40n, 20n)), t.call(B, mc.buy(cls, 50n, 5n)));
  assert.equal(auction(t, cls, t.height), undefined);
  assert.equal(t.height, 4);
  // block 5: three buys
  const [a0, c0, d0, e0] = [A, C, D, E].map((k) => t.balance(k.pub));
  await t.mine(
    t.call(C, mc.buy(cls, 150n, 16n)),
    t.call(D, mc.buy(cls, 100n, 15n)),
    t.call(E, mc.buy(cls, 80n, 15n)),
  );
  //  price   demand  supply  volume
  //     5     380       0       0
  //    10     330     200     200
  //    15     330     300     300   ← the one maximum: p = 15
  //    16     150     300     150
  //    20       0     340       0
  assert.deepEqual(plainAuction(t, cls, t.height), [15, 300, 330, 300, 5]);
  assert.deepEqual(
    [5, 6, 7].map((id) => [
      Number(order(t, id).quantity - order(t, id).remaining),
      Number(order(t, id).coins),
    ]),
    [
      [150, 2_250],
      [100, 1_500],
      [50, 750],
    ],
  );
  assert.equal(t.balance(C.pub), c0 - FEE - 2_250n, "escrowed 2,400, paid 2,250, 150 back");
  assert.equal(t.balance(D.pub), d0 - FEE - 1_500n);
  assert.equal(t.balance(E.pub), e0 - FEE - 1_200n, "750 paid, 450 still in escrow for the 30 left");
  assert.equal(t.balance(A.pub), a0 + 3_000n + 1_500n, "both sells at 15: the one at 10 too");
  assert.deepEqual(bookRows(t, cls), [
    [3, "sell", 20, 40],
    [4, "buy", 5, 50],
    [7, "buy", 15, 30],
  ]);
  checkConservation(t, [cls]);
});
