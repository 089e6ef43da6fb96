/**
 * Conservation over a randomized run (a seeded generator, so a failure replays): thousands of
 * buys, sells and cancels from eight traders over three classes and many blocks, with short
 * and default expiries, prices around a drifting mid so that most blocks clear, a clearing
 * budget small enough that books wait in the queue, and one class that expires halfway. After
 * every block every coin base unit and every voucher unit is accounted for (balances + the
 * market's escrow; fees go to the miner, nothing is burned), and the books, slots, expiry lists
 * and owners' counts agree with the orders (fixtures.test.ts, checkConservation).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import { seededRandom as random } from "../../testing/seeded-random.js";
import {
  checkConservation,
  classWithUnits,
  FEE,
  KEYS,
  lastId,
  marketChain,
  mc,
  order,
  TEST_PARAMS,
  units,
} from "./fixtures.test.js";
import { BUY, STATUSES, status } from "./schemas.js";
import { auctionsPrefix, openOrdersOf, queueLength } from "./store.js";

const BLOCKS = 120;
const ACTIONS = 30;
const PARAMS = {
  ...TEST_PARAMS,
  maxOrdersPerBook: 1_000,
  maxExpiriesPerBlock: 1_000,
  maxClearingOrdersPerBlock: 120,
};

test("randomized run: every coin and unit accounted for after every block", async () => {
  const t = closeAfterwards(marketChain(PARAMS));
  const rnd = random(20_240_612);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const long1 = await classWithUnits(t, KEYS, 100_000n);
  const long2 = await classWithUnits(t, KEYS, 100_000n);
  const shortExpiry = t.height + 62;
  const short = await classWithUnits(t, KEYS, 100_000n, shortExpiry);
  const classes = [long1, long2, short];
  const lastTrading = shortExpiry - 2;
  const mine = new Map<string, number[]>(KEYS.map((k) => [toHex(k.pub), []]));
  let mid = 100;
  let placed = 0;
  let cancels = 0;
  let carried = 0; // blocks after which a book still waited to clear (the budget was spent)
  for (let b = 0; b < BLOCKS; b++) {
    const height = t.height + 1;
    mid = Math.max(20, mid + int(-2, 2));
    const coins = new Map(KEYS.map((k) => [toHex(k.pub), t.balance(k.pub)]));
    const held = new Map(KEYS.map((k) => [toHex(k.pub), new Map(classes.map((c) => [c, units(t, c, k)]))]));
    const open = new Map(KEYS.map((k) => [toHex(k.pub), openOrdersOf(t.state("market"), k.pub)]));
    // the orders each trader may cancel: open at the head, not cancelled in this block
    for (const [who, ids] of mine)
      mine.set(
        who,
        ids.filter((id) => order(t, id).status === status("open")),
      );
    const cancelled = new Set<number>();
    let nextId = lastId(t) + 1;
    const txs = [];
    for (let i = 0; i < ACTIONS; i++) {
      const key = pick(KEYS);
      const who = toHex(key.pub);
      const budget = coins.get(who) as bigint;
      if (budget < FEE) continue;
      const roll = rnd();
      const cancellable = (mine.get(who) as number[]).filter((id) => !cancelled.has(id));
      if (roll < 0.15 && cancellable.length > 0) {
        const id = pick(cancellable);
        cancelled.add(id);
        open.set(who, (open.get(who) as number) - 1);
        coins.set(who, budget - FEE);
        txs.push(t.call(key, mc.cancel(id)));
        cancels++;
        continue;
      }
      if ((open.get(who) as number) >= PARAMS.maxOpenOrdersPerAddress) continue;
      const cls = pick(height <= lastTrading ? classes : [long1, long2]);
      const quantity = BigInt(int(1, 50));
      const expiry = rnd() < 0.3 ? 0 : height + int(0, 8);
      const buy = roll < 0.58;
      const price = BigInt(buy ? mid + int(-6, 3) : mid + int(-3, 6));
      if (buy) {
        if (budget < FEE + quantity * price) continue;
        coins.set(who, budget - FEE - quantity * price);
        txs.push(t.call(key, mc.buy(cls, quantity, price, expiry)));
      } else {
        const have = held.get(who)?.get(cls) as bigint;
        if (have < quantity) continue;
        held.get(who)?.set(cls, have - quantity);
        coins.set(who, budget - FEE);
        txs.push(t.call(key, mc.sell(cls, quantity, price, expiry)));
      }
      open.set(who, (open.get(who) as number) + 1);
      mine.get(who)?.push(nextId++);
      placed++;
    }
    await t.mine(...txs);
    checkConservation(t, classes);
    if (queueLength(t.state("market")) > 0) carried++;
  }

  // the run went through every path
  const statuses = new Map<string, number>();
  let partial = 0;
  for (let id = 1; id <= lastId(t); id++) {
    const o = order(t, id);
    const s = STATUSES[o.status];
    statuses.set(s, (statuses.get(s) ?? 0) + 1);
    if (o.fills > 0 && o.remaining > 0n) partial++;
    if (o.classId === short) assert.ok(o.status !== status("open"), "the short class's book is empty");
    if (o.side === BUY && s === "filled") assert.ok(o.coins <= o.quantity * o.price);
  }
  const auctions = classes.map((c) => t.query("market").scan(auctionsPrefix(c), 1_000).length);
  assert.ok(placed >= 2_000, `${placed} orders placed`);
  assert.ok(cancels >= 200, `${cancels} cancels`);
  for (const s of ["open", "filled", "cancelled", "expired"])
    assert.ok((statuses.get(s) ?? 0) > 50, `${statuses.get(s) ?? 0} ${s} orders`);
  assert.ok(partial > 50, `${partial} orders partly filled`);
  assert.ok(carried > 5, `books waited for the next block ${carried} times`);
  assert.ok(
    auctions.every((n) => n > 20),
    `clearings per class: ${auctions.join(", ")}`,
  );
});
