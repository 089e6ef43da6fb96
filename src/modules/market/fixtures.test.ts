/**
 * Fixtures of the market tests (no tests here): a chain running coin, the stand-in vouchers
 * module (vouchers-standin.test.ts) and the market, funded keys, call shortcuts, readers of the
 * market's state, and the conservation check: every coin base unit and every voucher unit is
 * in a balance or in the market's escrow.
 */
import assert from "node:assert/strict";
import { toHex } from "../../bytes.js";
import type { GenesisConfig } from "../../chain/genesis.js";
import { type TestKey, testGenesis, testKey } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { coinModule } from "../coin/index.js";
import { larger, smaller } from "./clear.js";
import { marketCalls, marketModule } from "./index.js";
import { type BookEntry, type BookOrder, BUY, type OrderEntry, STATUSES, status } from "./schemas.js";
import {
  EMPTY_BOOK,
  lastOrderId,
  leavingAt,
  openOrdersOf,
  readAuction,
  readBook,
  readLeaving,
  readOrder,
  readPlace,
  readSlots,
} from "./store.js";
import { type StandInKeeper, standInCalls, standInVouchers } from "./vouchers-standin.test.js";

export const FUNDS = 1_000_000_000n;
export const FEE = 1_000n; // signedTx's default fee
export const REWARD = 5_000n; // testGenesis's block reward
/** Traders: keys 0-7; the miner is key 9. */
export const KEYS = [0, 1, 2, 3, 4, 5, 6, 7].map(testKey);
export const [A, B, C, D, E] = KEYS;
export const MINER = testKey(9);

/** Small limits, so the tests reach them. */
export const TEST_PARAMS = {
  defaultExpiryBlocks: 50,
  maxExpiryBlocks: 200,
  maxOpenOrdersPerAddress: 40,
  maxOrdersPerBook: 200,
  maxExpiriesPerBlock: 60,
  maxClearingOrdersPerBlock: 400,
};

export function marketGenesisConfig(
  params: Record<string, number> = TEST_PARAMS,
  funds: bigint[] = KEYS.map(() => FUNDS),
): GenesisConfig {
  const g = testGenesis({ maxBlockTxs: 2_000, maxBlockBytes: 1024 * 1024 });
  g.alloc = KEYS.map((k, i) => ({ address: k.pub, balance: funds[i] }));
  g.modules = { market: { params } };
  return g;
}

export const MODULES = [coinModule, standInVouchers, marketModule];
export const marketChain = (params?: Record<string, number>, funds?: bigint[]) =>
  ModuleTestChain.create({ genesis: marketGenesisConfig(params, funds), modules: MODULES });

/** Call shortcuts. */
export const mc = {
  buy: (classId: number, quantity: bigint, price: bigint, expiry = 0) =>
    marketCalls.buy({ classId, quantity, price, expiry }),
  sell: (classId: number, quantity: bigint, price: bigint, expiry = 0) =>
    marketCalls.sell({ classId, quantity, price, expiry }),
  cancel: (order: number) => marketCalls.cancel({ order }),
};
export const vc = {
  create: (expiry: number, transferable = true, unit = 2) =>
    standInCalls.create({ unit, expiry, transferable }),
  mint: (classId: number, to: TestKey, amount: bigint) => standInCalls.mint({ classId, to: to.pub, amount }),
};

/** Creates a class (by key 0) and mints `amount` units to each of `holders`, in one block; returns its id. */
export async function classWithUnits(
  t: ModuleTestChain,
  holders: TestKey[],
  amount: bigint,
  expiry = 100_000,
  transferable = true,
): Promise<number> {
  const before = lastClassId(t);
  await t.mine(t.call(A, vc.create(expiry, transferable)));
  const id = before + 1;
  if (holders.length > 0) await t.mine(...holders.map((h) => t.call(A, vc.mint(id, h, amount))));
  return id;
}

function lastClassId(t: ModuleTestChain): number {
  let id = 0;
  while (t.keeper<StandInKeeper>("vouchers").classInfo(id + 1)) id++;
  return id;
}

export const vouchers = (t: ModuleTestChain) => t.keeper<StandInKeeper>("vouchers");
export const units = (t: ModuleTestChain, classId: number, k: TestKey) => vouchers(t).balance(classId, k.pub);
export const order = (t: ModuleTestChain, id: number) => readOrder(t.state("market"), id) as OrderEntry;
export const orderStatus = (t: ModuleTestChain, id: number) => STATUSES[order(t, id).status];
export const book = (t: ModuleTestChain, classId: number) => readBook(t.state("market"), classId);
export const auction = (t: ModuleTestChain, classId: number, height: number) =>
  readAuction(t.state("market"), [classId, height]);
export const lastId = (t: ModuleTestChain) => lastOrderId(t.state("market"));

/** The book's orders as [id, side, price, remaining] rows, by id. */
export function bookRows(t: ModuleTestChain, classId: number): [number, string, number, number][] {
  const b = book(t, classId);
  if (!b) return [];
  return readSlots(t.state("market"), classId, b)
    .map((s): [number, string, number, number] => [
      s.id,
      s.side === BUY ? "buy" : "sell",
      Number(s.price),
      Number(s.remaining),
    ])
    .sort((x, y) => x[0] - y[0]);
}

/** The fee of every transaction in a block, as the signer pays it. */
export const fees = (n: number) => BigInt(n) * FEE;

/**
 * Checks every invariant of the market's state against the chain, at the head:
 * - coins: the traders' and the miner's balances plus the coins in the market's escrow (open
 *   and held buys) equal the genesis funds plus the block rewards (fees go to the miner);
 * - units, per class: the holders' balances plus the market's escrow (open and held sells)
 *   equal the supply, and the stand-in's custody equals that escrow (no lapsed units here);
 * - every book's header matches its slots, every slot its order, every open order its slot,
 *   the expiry lists, the owners' counts; no book is left crossing unless it waits in the queue.
 */
export function checkConservation(
  t: ModuleTestChain,
  classIds: number[],
  genesisCoins = FUNDS * BigInt(KEYS.length),
): void {
  const state = t.state("market");
  const n = lastOrderId(state);
  let coinEscrow = 0n;
  const unitEscrow = new Map<number, bigint>();
  const openBy = new Map<string, number>();
  const openInBook = new Map<number, OrderEntry>();
  for (let id = 1; id <= n; id++) {
    const o = readOrder(state, id) as OrderEntry;
    assert.ok(o, `order ${id} has a record`);
    const open = o.status === status("open");
    if (open || o.status === status("held")) {
      if (o.side === BUY) coinEscrow += o.remaining * o.price;
      else unitEscrow.set(o.classId, (unitEscrow.get(o.classId) ?? 0n) + o.remaining);
      openBy.set(toHex(o.owner), (openBy.get(toHex(o.owner)) ?? 0) + 1);
      assert.ok(o.remaining > 0n, `open order ${id} has units left`);
    }
    if (open) {
      openInBook.set(id, o);
      assert.ok(
        o.expiry >= t.height,
        `open order ${id} (expiry ${o.expiry}) is still in time at ${t.height}`,
      );
      const place = readPlace(state, id);
      assert.ok(place, `open order ${id} has a place`);
      assert.equal(readLeaving(state, o.expiry + 1, place.expirySlot), id, `order ${id} in its expiry list`);
    }
  }
  let balances = 0n;
  for (const k of [...KEYS, MINER]) balances += t.balance(k.pub);
  assert.equal(
    balances + coinEscrow,
    genesisCoins + REWARD * BigInt(t.height),
    `coins at height ${t.height}: balances ${balances} + escrow ${coinEscrow}`,
  );
  for (const classId of classIds) {
    let held = 0n;
    for (const k of [...KEYS, MINER]) held += units(t, classId, k);
    const { supply, custody } = vouchers(t).supplyOf(classId);
    const escrow = unitEscrow.get(classId) ?? 0n;
    assert.equal(held + escrow, supply, `units of class ${classId} at ${t.height}`);
    assert.equal(custody, escrow, `custody of class ${classId} = the market's escrow`);
    checkBook(t, classId, openInBook);
  }
  for (const k of KEYS)
    assert.equal(openOrdersOf(state, k.pub), openBy.get(toHex(k.pub)) ?? 0, "open counts");
  const leaving = [...openInBook.values()].filter((o) => o.expiry + 1 === t.height + 1).length;
  assert.equal(leavingAt(state, t.height + 1), leaving, "the orders leaving at the next height");
}

function checkBook(t: ModuleTestChain, classId: number, open: Map<number, OrderEntry>): void {
  const state = t.state("market");
  const b = readBook(state, classId);
  const mine = [...open.entries()].filter(([, o]) => o.classId === classId);
  if (!b) {
    assert.equal(mine.length, 0, `class ${classId} has open orders but no book`);
    return;
  }
  const slots: BookOrder[] = readSlots(state, classId, b);
  const sum: BookEntry = { ...EMPTY_BOOK, queued: b.queued, lastAuction: b.lastAuction };
  slots.forEach((s, i) => {
    const o = open.get(s.id);
    assert.ok(o, `slot ${i} of class ${classId}: order ${s.id} is open`);
    assert.deepEqual(
      [readPlace(state, s.id)?.slot, o.side, o.price, o.remaining],
      [i, s.side, s.price, s.remaining],
      `slot ${i}`,
    );
    sum.orders++;
    if (s.side === BUY) {
      sum.buys++;
      sum.buyQuantity += s.remaining;
      sum.coinEscrow += s.remaining * s.price;
    } else {
      sum.sells++;
      sum.sellQuantity += s.remaining;
    }
  });
  assert.deepEqual(b, sum, `book ${classId}'s header`);
  assert.equal(slots.length, mine.length, `every open order of class ${classId} is in its book`);
  if (!b.queued) {
    const bid = slots.filter((s) => s.side === BUY).reduce((m, s) => larger(s.price, m), 0n);
    const asks = slots.filter((s) => s.side !== BUY).map((s) => s.price);
    const ask = asks.reduce(smaller, asks[0] ?? 0n);
    assert.ok(
      asks.length === 0 || bid < ask,
      `book ${classId} crosses (${bid} ≥ ${ask}) without waiting to clear`,
    );
  }
}
