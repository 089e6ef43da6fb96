/**
 * The clearing function alone: hand-computed books (one crossing order, a tie on volume broken
 * by the imbalance, a tie broken by the midpoint, a partial fill at the price by time priority
 * on either side, no cross), then fast-check properties over random books: the same result as a
 * naive model that recomputes demand and supply at every price, the volume is the largest any
 * resting price allows, fills respect the limits and the priorities, the smaller side fills
 * completely, at most one order per side fills partially, and no crossing orders remain.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { type AuctionOrder, type Clearing, clear, larger, smaller } from "./clear.js";

const buy = (id: number, quantity: number, price: number): AuctionOrder => ({
  id,
  side: "buy",
  quantity: BigInt(quantity),
  price: BigInt(price),
});
const sell = (id: number, quantity: number, price: number): AuctionOrder => ({
  id,
  side: "sell",
  quantity: BigInt(quantity),
  price: BigInt(price),
});
/** A clearing as plain numbers: [price, volume, demand, supply, [[id, quantity], ...]]. */
const plain = (c: Clearing | undefined) =>
  c && [
    Number(c.price),
    Number(c.volume),
    Number(c.demand),
    Number(c.supply),
    c.fills.map((f) => [f.id, Number(f.quantity)]),
  ];

test("one crossing order: a buy at 102 meets the sells at 100 and 105, clears at 101", () => {
  //  price   demand  supply  volume  imbalance
  //    90      13       0       0      13
  //   100       8      10       8       2   ← max volume, least imbalance
  //   102       8      10       8       2   ← the same
  //   105       0      20       0      20
  // p = floor((100 + 102) / 2) = 101: demand 8, supply 10; the buy fills, the earlier sell fills 8 of 10.
  const book = [buy(1, 5, 90), sell(2, 10, 100), sell(3, 10, 105), buy(4, 8, 102)];
  assert.deepEqual(plain(clear(book)), [
    101,
    8,
    8,
    10,
    [
      [2, 8],
      [4, 8],
    ],
  ]);
});

test("a tie on volume is broken by the imbalance", () => {
  //  price   demand  supply  volume  imbalance
  //    95      13       6       6       7
  //   100      13      10      10       3
  //   105      10      10      10       0   ← same volume as 100, less imbalance
  const book = [buy(1, 10, 105), sell(2, 6, 95), sell(3, 4, 100), buy(4, 3, 100)];
  assert.deepEqual(plain(clear(book)), [
    105,
    10,
    10,
    10,
    [
      [1, 10],
      [2, 6],
      [3, 4],
    ],
  ]);
});

test("a tie on volume and imbalance is broken by the midpoint (floored)", () => {
  //  price   demand  supply  volume  imbalance
  //    90      12       0       0      12
  //   100      10      10      10       0   ← tie
  //   131      10      10      10       0   ← tie
  //   140       0      13       0      13
  // p = floor((100 + 131) / 2) = 115
  const book = [buy(1, 10, 131), sell(2, 10, 100), buy(3, 2, 90), sell(4, 3, 140)];
  assert.deepEqual(plain(clear(book)), [
    115,
    10,
    10,
    10,
    [
      [1, 10],
      [2, 10],
    ],
  ]);
  // one buy, one sell: the midpoint of their prices
  assert.deepEqual(plain(clear([sell(1, 10, 100), buy(2, 10, 120)])), [
    110,
    10,
    10,
    10,
    [
      [1, 10],
      [2, 10],
    ],
  ]);
});

test("orders at exactly the price on the larger side fill by time priority, the last partially", () => {
  //  price   demand  supply  volume
  //   100      15      10      10   ← p
  //   110       3      10       3
  // Buys above 100 fill (5: 3), then those at 100 by id: 2 gets 4, 3 gets the last 3, 4 nothing.
  const buys = [sell(1, 10, 100), buy(2, 4, 100), buy(3, 4, 100), buy(4, 4, 100), buy(5, 3, 110)];
  assert.deepEqual(plain(clear(buys)), [
    100,
    10,
    15,
    10,
    [
      [1, 10],
      [2, 4],
      [3, 3],
      [5, 3],
    ],
  ]);
  // the same on the sell side: sells below 50 fill, those at 50 by id
  const sells = [buy(1, 10, 50), sell(2, 2, 45), sell(3, 5, 50), sell(4, 5, 50), sell(5, 5, 50)];
  assert.deepEqual(plain(clear(sells)), [
    50,
    10,
    10,
    17,
    [
      [1, 10],
      [2, 2],
      [3, 5],
      [4, 3],
    ],
  ]);
});

test("the larger side beyond a midpoint price fills best price first", () => {
  // buy 10 at 110 and 5 at 120, one sell of 5 at 90: prices 90, 110, 120 all give volume 5 and
  // imbalance 10 (at 90 and 110) or 0 (at 120) → p = 120, the buy at 120 fills.
  assert.deepEqual(plain(clear([buy(1, 10, 110), buy(2, 5, 120), sell(3, 5, 90)])), [
    120,
    5,
    5,
    5,
    [
      [2, 5],
      [3, 5],
    ],
  ]);
  // buy 10 at 110, sell 5 at 90: volume 5, imbalance 5 at both → p = 100, no order at 100 itself
  assert.deepEqual(plain(clear([buy(1, 10, 110), sell(2, 5, 90)])), [
    100,
    5,
    10,
    5,
    [
      [1, 5],
      [2, 5],
    ],
  ]);
});

test("no cross: nothing clears", () => {
  assert.equal(clear([buy(1, 10, 99), sell(2, 10, 100)]), undefined);
  assert.equal(clear([buy(1, 10, 99), buy(2, 1, 50)]), undefined);
  assert.equal(clear([sell(1, 10, 99)]), undefined);
  assert.equal(clear([]), undefined);
});

/** The rule as written, recomputing demand and supply at every price from scratch. */
function model(orders: AuctionOrder[]): Clearing | undefined {
  const demand = (p: bigint) =>
    orders.filter((o) => o.side === "buy" && o.price >= p).reduce((s, o) => s + o.quantity, 0n);
  const supply = (p: bigint) =>
    orders.filter((o) => o.side === "sell" && o.price <= p).reduce((s, o) => s + o.quantity, 0n);
  const min = smaller;
  const abs = (a: bigint) => (a < 0n ? -a : a);
  const prices = [...new Set(orders.map((o) => o.price))].sort((a, b) => (a < b ? -1 : 1));
  const volume = (p: bigint) => min(demand(p), supply(p));
  const best = prices.reduce((m, p) => larger(volume(p), m), 0n);
  if (best === 0n) return undefined;
  const atBest = prices.filter((p) => volume(p) === best);
  const least = atBest.reduce(
    (m, p) => smaller(abs(demand(p) - supply(p)), m),
    abs(demand(atBest[0]) - supply(atBest[0])),
  );
  const chosen = atBest.filter((p) => abs(demand(p) - supply(p)) === least);
  const price = (chosen[0] + chosen[chosen.length - 1]) / 2n;
  const v = min(demand(price), supply(price));
  const fills: { id: number; quantity: bigint }[] = [];
  const fill = (side: AuctionOrder[]) => {
    let left = v;
    for (const o of side) {
      const q = min(o.quantity, left);
      if (q > 0n) fills.push({ id: o.id, quantity: q });
      left -= q;
    }
  };
  const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
  fill(
    orders
      .filter((o) => o.side === "buy" && o.price >= price)
      .sort((a, b) => cmp(b.price, a.price) || a.id - b.id),
  );
  fill(
    orders
      .filter((o) => o.side === "sell" && o.price <= price)
      .sort((a, b) => cmp(a.price, b.price) || a.id - b.id),
  );
  fills.sort((a, b) => a.id - b.id);
  return { price, volume: v, demand: demand(price), supply: supply(price), fills };
}

const bookArb = (maxPrice: bigint, maxQuantity: bigint) =>
  fc
    .array(
      fc.record({
        side: fc.constantFrom("buy" as const, "sell" as const),
        price: fc.bigInt({ min: 1n, max: maxPrice }),
        quantity: fc.bigInt({ min: 1n, max: maxQuantity }),
      }),
      { maxLength: 40 },
    )
    .map((os) => os.map((o, i) => ({ ...o, id: i + 1 })));

test("property: the same clearing as the naive model, in small and in huge numbers", () => {
  for (const [maxPrice, maxQuantity] of [
    [12n, 10n],
    [1_000n, 1_000n],
    [(1n << 64n) - 1n, (1n << 64n) - 1n],
  ])
    fc.assert(
      fc.property(bookArb(maxPrice, maxQuantity), (orders) => {
        assert.deepEqual(clear(orders), model(orders));
      }),
      { numRuns: 1_000 },
    );
});

test("property: volume, limits, priorities, the smaller side filled, nothing left crossing", () => {
  fc.assert(
    fc.property(bookArb(15n, 8n), (orders) => {
      const c = clear(orders);
      const byId = new Map(orders.map((o) => [o.id, o]));
      const buys = orders.filter((o) => o.side === "buy");
      const sells = orders.filter((o) => o.side === "sell");
      if (!c) {
        const bid = buys.reduce((m, o) => larger(o.price, m), 0n);
        assert.ok(
          sells.every((o) => o.price > bid),
          "no clearing only when nothing crosses",
        );
        return;
      }
      const filled = new Map(c.fills.map((f) => [f.id, f.quantity]));
      let bought = 0n;
      let sold = 0n;
      for (const f of c.fills) {
        const o = byId.get(f.id) as AuctionOrder;
        assert.ok(f.quantity > 0n && f.quantity <= o.quantity);
        if (o.side === "buy") {
          assert.ok(o.price >= c.price, "a buy pays at most its limit");
          bought += f.quantity;
        } else {
          assert.ok(o.price <= c.price, "a sell gets at least its limit");
          sold += f.quantity;
        }
      }
      assert.equal(bought, c.volume);
      assert.equal(sold, c.volume);
      // the volume is the largest any resting price allows
      for (const p of orders.map((o) => o.price)) {
        const d = buys.filter((o) => o.price >= p).reduce((s, o) => s + o.quantity, 0n);
        const s = sells.filter((o) => o.price <= p).reduce((t, o) => t + o.quantity, 0n);
        assert.ok(smaller(d, s) <= c.volume, `price ${p} would trade more`);
      }
      // the smaller side fills completely
      if (c.demand <= c.supply)
        for (const o of buys) if (o.price >= c.price) assert.equal(filled.get(o.id), o.quantity);
      if (c.supply <= c.demand)
        for (const o of sells) if (o.price <= c.price) assert.equal(filled.get(o.id), o.quantity);
      // priority: an order better placed than one that got something fills completely
      const better = (a: AuctionOrder, b: AuctionOrder) =>
        a.side === "buy"
          ? a.price > b.price || (a.price === b.price && a.id < b.id)
          : a.price < b.price || (a.price === b.price && a.id < b.id);
      for (const side of [buys, sells]) {
        const partial = side.filter(
          (o) => (filled.get(o.id) ?? 0n) > 0n && (filled.get(o.id) ?? 0n) < o.quantity,
        );
        assert.ok(partial.length <= 1, "at most one partial fill per side");
        for (const a of side)
          for (const b of side)
            if (better(a, b) && (filled.get(b.id) ?? 0n) > 0n)
              assert.equal(filled.get(a.id), a.quantity, `${a.id} before ${b.id}`);
      }
      // what remains does not cross
      const left = (o: AuctionOrder) => o.quantity - (filled.get(o.id) ?? 0n);
      const bid = buys.filter((o) => left(o) > 0n).reduce((m, o) => larger(o.price, m), 0n);
      const asks = sells.filter((o) => left(o) > 0n);
      assert.ok(
        asks.every((o) => o.price > bid),
        "the remaining book does not cross",
      );
    }),
    { numRuns: 3_000 },
  );
});
