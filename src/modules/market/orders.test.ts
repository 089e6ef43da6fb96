/**
 * Orders on a real chain: escrow at placement (coins for a buy, units for a sell), cancel
 * returning the rest at once, expiry (default, explicit, capped two blocks before the class's
 * expiry), every refusal by its code (zero quantity or price, overflow, escrow beyond the
 * balance, unknown, untransferable or expiring class, bad expiry, cancelling someone else's
 * order, the limits), and balances near 2^64 − 1: an escrow that cannot be returned waits
 * ("held"), a seller that cannot be paid is left out of the clearing — the block never fails.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { txHash } from "../../codec/hashing.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import { coinCalls } from "../coin/index.js";
import {
  A,
  auction,
  B,
  bookRows,
  C,
  checkConservation,
  classWithUnits,
  D,
  FEE,
  FUNDS,
  KEYS,
  lastId,
  marketChain,
  mc,
  order,
  orderStatus,
  TEST_PARAMS,
  units,
  vouchers,
} from "./fixtures.test.js";
import { parseMarketGenesis } from "./params.js";
import { MAX_UINT64, openOrdersOf, orderOfTx } from "./store.js";

const fresh = (params?: Record<string, number>, funds?: bigint[]) =>
  closeAfterwards(marketChain(params, funds));

test("a buy escrows quantity × price, a sell its units; cancel returns the rest at once", async () => {
  const t = fresh();
  const cls = await classWithUnits(t, [A], 1_000n);
  const [a0, b0] = [t.balance(A.pub), t.balance(B.pub)];
  const placing = t.call(B, mc.buy(cls, 10n, 100n));
  await t.mine(placing, t.call(A, mc.sell(cls, 5n, 200n)));
  assert.equal(t.balance(B.pub), b0 - FEE - 1_000n);
  assert.equal(units(t, cls, A), 995n);
  assert.equal(vouchers(t).supplyOf(cls).custody, 5n, "the units are in the market's custody");
  const o = order(t, 1);
  assert.deepEqual(
    [o.side, o.price, o.quantity, o.remaining, o.placedAt, o.expiry],
    [0, 100n, 10n, 10n, t.height, t.height + TEST_PARAMS.defaultExpiryBlocks],
  );
  assert.equal(openOrdersOf(t.state("market"), B.pub), 1);

  // A sells 4 at 100: B fills 4, 6 rest (600 in escrow); B cancels: 600 back at once
  await t.mine(t.call(A, mc.sell(cls, 4n, 100n)));
  assert.equal(order(t, 1).remaining, 6n);
  await t.mine(t.call(B, mc.cancel(1)));
  assert.equal(orderStatus(t, 1), "cancelled");
  assert.equal(order(t, 1).remaining, 6n, "what was returned");
  assert.equal(t.balance(B.pub), b0 - 2n * FEE - 400n);
  assert.equal(units(t, cls, B), 4n);
  // A cancels its sell at 200: its 5 units come back
  await t.mine(t.call(A, mc.cancel(2)));
  assert.equal(units(t, cls, A), 996n);
  assert.equal(t.balance(A.pub), a0 - 3n * FEE + 400n);
  assert.deepEqual(bookRows(t, cls), []);
  assert.equal(openOrdersOf(t.state("market"), B.pub), 0);
  checkConservation(t, [cls]);
});

test("the transaction that placed an order names it", async () => {
  const t = fresh();
  const cls = await classWithUnits(t, [A], 10n);
  const tx = t.call(A, mc.sell(cls, 1n, 5n));
  const block = await t.mine(tx);
  assert.equal(orderOfTx(t.state("market"), txHash(block.txs[0])), 1);
  assert.equal(lastId(t), 1);
});

test("refusals of an order, each with its code", async () => {
  const t = fresh();
  const cls = await classWithUnits(t, [A], 1_000n);
  const untradable = await classWithUnits(t, [A], 10n, 100_000, false);
  const h = t.height + 1; // the height of the block the refused orders would be in
  const cases: [typeof A, ReturnType<typeof mc.buy>, string][] = [
    [B, mc.buy(cls, 0n, 100n), "MARKET_ZERO_QUANTITY"],
    [A, mc.sell(cls, 0n, 100n), "MARKET_ZERO_QUANTITY"],
    [B, mc.buy(cls, 10n, 0n), "MARKET_ZERO_PRICE"],
    [B, mc.buy(cls, 1n << 32n, 1n << 32n), "MARKET_OVERFLOW"],
    [A, mc.sell(cls, MAX_UINT64, 2n), "MARKET_OVERFLOW"],
    [B, mc.buy(cls, 1_000_000n, 1_000n), "MARKET_INSUFFICIENT_FUNDS"],
    [B, mc.buy(cls, 1n, FUNDS), "MARKET_INSUFFICIENT_FUNDS"],
    [A, mc.sell(cls, 1_001n, 1n), "MARKET_INSUFFICIENT_UNITS"],
    [C, mc.sell(cls, 1n, 1n), "MARKET_INSUFFICIENT_UNITS"],
    [B, mc.buy(99, 1n, 1n), "MARKET_UNKNOWN_CLASS"],
    [A, mc.sell(untradable, 1n, 1n), "MARKET_NOT_TRANSFERABLE"],
    [B, mc.buy(cls, 1n, 1n, h - 1), "MARKET_BAD_EXPIRY"],
    [B, mc.buy(cls, 1n, 1n, h + TEST_PARAMS.maxExpiryBlocks + 1), "MARKET_BAD_EXPIRY"],
  ];
  for (const [key, call, code] of cases) t.refuse(t.call(key, call, false), code);
  // the edges are accepted: expiry = this block, and the latest allowed
  await t.mine(
    t.call(B, mc.buy(cls, 1n, 1n, h)),
    t.call(B, mc.buy(cls, 1n, 1n, h + TEST_PARAMS.maxExpiryBlocks)),
  );
  checkConservation(t, [cls, untradable]);
});

test("cancel refusals: an unknown order, someone else's, one already closed", async () => {
  const t = fresh();
  const cls = await classWithUnits(t, [A], 100n);
  await t.mine(t.call(B, mc.buy(cls, 5n, 10n)), t.call(A, mc.sell(cls, 5n, 20n)));
  t.refuse(t.call(B, mc.cancel(99), false), "MARKET_UNKNOWN_ORDER");
  t.refuse(t.call(B, mc.cancel(0), false), "MARKET_UNKNOWN_ORDER");
  assert.match(t.refuse(t.call(C, mc.cancel(1), false), "MARKET_NOT_OWNER"), /placed by tel1/);
  t.refuse(t.call(B, mc.cancel(2), false), "MARKET_NOT_OWNER");
  await t.mine(t.call(B, mc.cancel(1)));
  t.refuse(t.call(B, mc.cancel(1), false), "MARKET_ORDER_CLOSED");
  // a filled order is closed too
  await t.mine(t.call(C, mc.buy(cls, 5n, 20n)));
  assert.equal(orderStatus(t, 3), "filled");
  t.refuse(t.call(C, mc.cancel(3), false), "MARKET_ORDER_CLOSED");
  t.refuse(t.call(A, mc.cancel(2), false), "MARKET_ORDER_CLOSED");
  checkConservation(t, [cls]);
});

test("limits: open orders per address, orders per book, orders expiring at one height", async () => {
  const params = { ...TEST_PARAMS, maxOpenOrdersPerAddress: 3, maxOrdersPerBook: 5, maxExpiriesPerBlock: 4 };
  const t = fresh(params);
  const cls = await classWithUnits(t, [A, C], 100n);
  await t.mine(...[1n, 2n, 3n].map((i) => t.call(A, mc.sell(cls, 1n, 100n + i))));
  t.refuse(t.call(A, mc.sell(cls, 1n, 200n), false), "MARKET_TOO_MANY_ORDERS");
  await t.mine(t.call(B, mc.buy(cls, 1n, 10n)), t.call(B, mc.buy(cls, 1n, 11n)));
  assert.match(t.refuse(t.call(C, mc.sell(cls, 1n, 300n), false), "MARKET_BOOK_FULL"), /5 orders/);
  // A cancels one: room for one more of A's, and in the book
  await t.mine(t.call(A, mc.cancel(1)));
  await t.mine(t.call(A, mc.sell(cls, 1n, 150n)));
  // four orders of another class expire at height X; a fifth may not, X + 1 is fine
  const other = await classWithUnits(t, [C], 100n);
  const x = t.height + 20;
  await t.mine(
    t.call(C, mc.sell(other, 1n, 100n, x)),
    t.call(C, mc.sell(other, 1n, 101n, x)),
    t.call(D, mc.buy(other, 1n, 10n, x)),
    t.call(D, mc.buy(other, 1n, 11n, x)),
  );
  assert.match(t.refuse(t.call(B, mc.buy(other, 1n, 12n, x), false), "MARKET_EXPIRY_FULL"), /4 orders/);
  await t.mine(t.call(B, mc.buy(other, 1n, 12n, x + 1)));
  checkConservation(t, [cls, other]);
});

test("genesis: defaults, and a default expiry past the maximum is refused", () => {
  assert.deepEqual(parseMarketGenesis({}), {
    defaultExpiryBlocks: 1_000,
    maxExpiryBlocks: 100_000,
    maxOpenOrdersPerAddress: 100,
    maxOrdersPerBook: 20_000,
    maxExpiriesPerBlock: 10_000,
    maxClearingOrdersPerBlock: 40_000,
  });
  assert.throws(() => parseMarketGenesis({ params: { defaultExpiryBlocks: 10, maxExpiryBlocks: 5 } }), {
    code: "GENESIS_INVALID",
  });
  assert.throws(() => parseMarketGenesis({ params: { maxOrdersPerBook: 0 } }), { code: "GENESIS_INVALID" });
  assert.throws(() => parseMarketGenesis({ fees: 1 }), { code: "GENESIS_INVALID" });
});

test("a class's book closes two blocks before its expiry: orders capped, units back in time", async () => {
  const t = fresh();
  const expiry = t.height + 12;
  const cls = await classWithUnits(t, [A], 100n, expiry);
  // a sell with the default expiry (height + 50) is capped at expiry − 2; a buy naming a later one too
  await t.mine(t.call(A, mc.sell(cls, 10n, 500n)), t.call(B, mc.buy(cls, 5n, 10n, t.height + 100)));
  assert.equal(order(t, 1).expiry, expiry - 2);
  assert.equal(order(t, 2).expiry, expiry - 2);
  while (t.height < expiry - 2) await t.mine();
  assert.equal(orderStatus(t, 1), "open", "still resting at expiry − 2");
  t.refuse(t.call(B, mc.buy(cls, 1n, 1n), false), "MARKET_CLASS_EXPIRED");
  await t.mine();
  assert.equal(t.height, expiry - 1);
  assert.deepEqual([orderStatus(t, 1), orderStatus(t, 2)], ["expired", "expired"]);
  assert.equal(units(t, cls, A), 100n, "every unit back before the class expires");
  checkConservation(t, [cls]);
});

test("near 2^64 − 1: an escrow that cannot be returned is held until cancelled; an unpayable seller sits out", async () => {
  const F = KEYS[5];
  const G = KEYS[6];
  const funds = KEYS.map((k) => (k === F ? MAX_UINT64 - 5_000_000n : k === G ? MAX_UINT64 - 1_500n : FUNDS));
  const genesisCoins = funds.reduce((s, f) => s + f, 0n);
  const t = fresh(TEST_PARAMS, funds);
  const cls = await classWithUnits(t, [A, G], 100n);

  // F's buy leaves at its expiry when F's balance can no longer take its 10,000 back: held
  await t.mine(t.call(F, mc.buy(cls, 10n, 1_000n, t.height + 2)));
  await t.mine(t.call(A, coinCalls.transfer({ to: F.pub, amount: 5_005_000n })));
  await t.mine();
  assert.equal(orderStatus(t, 1), "held");
  assert.equal(openOrdersOf(t.state("market"), F.pub), 1, "it still counts as F's");
  checkConservation(t, [cls], genesisCoins);
  t.refuse(t.call(F, mc.cancel(1), false), "ACCOUNT_OVERFLOW");
  await t.mine(t.call(F, coinCalls.transfer({ to: A.pub, amount: 100_000n })));
  await t.mine(t.call(F, mc.cancel(1)));
  assert.equal(orderStatus(t, 1), "cancelled");
  assert.equal(openOrdersOf(t.state("market"), F.pub), 0);

  // G sells first, but paying G 10 × 300 would pass 2^64 − 1: the clearing runs without G, A sells
  await t.mine(
    t.call(G, mc.sell(cls, 10n, 300n)),
    t.call(A, mc.sell(cls, 10n, 300n)),
    t.call(B, mc.buy(cls, 10n, 300n)),
  );
  const a = auction(t, cls, t.height);
  assert.deepEqual([a?.price, a?.volume, a?.excluded], [300n, 10n, 1]);
  assert.deepEqual([orderStatus(t, 2), orderStatus(t, 3), orderStatus(t, 4)], ["open", "filled", "filled"]);
  assert.equal(units(t, cls, B), 10n);
  checkConservation(t, [cls], genesisCoins);
});
