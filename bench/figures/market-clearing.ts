/**
 * Figure `market-clearing` (group `market`): the clearing time of one block — the market's
 * end-of-block step, timed inside the import of a block that brings `incoming` new orders to a
 * book of `resting` orders — against the rest of that block's import (its `incoming` order
 * transactions: signatures, escrow, the book's lists; header, PoW and state commit), in the
 * same run. The notes add the floor: reading the same book and finding its price alone (clear.ts),
 * from an equally cold state, and what the clearing did (fills, price, volume).
 *
 * The resting book is written by a bench-only genesis of the market (its own restOrder, the buys'
 * escrow debited from a funded account) beside the test stand-in of the vouchers module (the
 * contract's keepers; its genesis holds the sells' units in custody and the new sellers' units).
 * Resting buys are priced 1 to 4,000 and sells 6,000 to 10,000 (1 to 100 units each), so the
 * resting book does not cross. Of the new orders, 70% are buys of up to 1,000 units priced 6,000
 * to 10,000, which sweep deep into the resting sells, and 30% small sells priced 5,000 to 7,000: a
 * heavy clearing, where thousands of resting orders fill and leave the book.
 */
import type { GenesisConfig } from "../../src/chain/genesis.js";
import type { Tx } from "../../src/codec/schema.js";
import type { GenesisContext, Module } from "../../src/module/interface.js";
import { modulePrefix } from "../../src/module/registry.js";
import { coinModule } from "../../src/modules/coin/index.js";
import { restOrder } from "../../src/modules/market/book.js";
import { clear } from "../../src/modules/market/clear.js";
import { marketCalls, marketModule } from "../../src/modules/market/index.js";
import { BUY, ParamsEntry, SELL } from "../../src/modules/market/schemas.js";
import { nextOrderId, PARAMS_KEY, readAuction, readBook, readSlots } from "../../src/modules/market/store.js";
import { seedStandInClass, standInVouchers } from "../../src/modules/market/vouchers-standin.test.js";
import { prefixedReader } from "../../src/state/overlay.js";
import { signedTx, TestChain, type TestKey, testGenesis, testKey } from "../../src/testing/chain-harness.js";
import { seededRandom as random } from "../../src/testing/seeded-random.js";
import { progress } from "../progress.js";
import { type Figure, figureAgainst } from "../report.js";

export interface ClearingSize {
  /** Orders resting in the book before the block. */
  resting: number;
  /** New orders in the block (transactions), from `incoming / 10` traders. */
  incoming: number;
  /** Fresh chains measured; the median is reported. */
  repeats: number;
}

const CLASS = 1;
const CHAIN_ID = "telchain-bench-market";
const FUNDS = 10n ** 15n;
const RESTING_BUYER = testKey(250);
const RESTING_SELLER = testKey(251);
const traders = (size: ClearingSize) =>
  Array.from({ length: Math.ceil(size.incoming / 10) }, (_, i) => testKey(10 + i));

const between = (next: () => number, lo: number, hi: number) =>
  BigInt(lo + Math.floor(next() * (hi - lo + 1)));

/** The resting book, half buys half sells, that do not cross. */
function restingOrders(size: ClearingSize) {
  const next = random(7);
  return Array.from({ length: size.resting }, (_, i) => {
    const buy = i % 2 === 0;
    return {
      side: buy ? BUY : SELL,
      price: buy ? between(next, 1, 4_000) : between(next, 6_000, 10_000),
      quantity: between(next, 1, 100),
    };
  });
}

function marketGenesis(ctx: GenesisContext, config: unknown): void {
  const size = (config as { bench: ClearingSize }).bench;
  ctx.state.set(
    PARAMS_KEY,
    ParamsEntry.serialize({
      defaultExpiryBlocks: 1_000,
      maxExpiryBlocks: 100_000,
      maxOpenOrdersPerAddress: 100,
      maxOrdersPerBook: size.resting + size.incoming,
      maxExpiriesPerBlock: size.incoming,
      maxClearingOrdersPerBlock: size.resting + size.incoming,
    }),
  );
  for (const o of restingOrders(size)) {
    const owner = o.side === BUY ? RESTING_BUYER : RESTING_SELLER;
    if (o.side === BUY) ctx.accounts.debit(owner.pub, o.quantity * o.price);
    restOrder(ctx.state, nextOrderId(ctx.state), {
      classId: CLASS,
      side: o.side,
      owner: owner.pub,
      price: o.price,
      quantity: o.quantity,
      placedAt: 0,
      expiry: 90_000,
      txHash: new Uint8Array(32),
    });
  }
}

function vouchersGenesis(ctx: GenesisContext, config: unknown): void {
  const size = (config as { bench: ClearingSize }).bench;
  const custody = restingOrders(size)
    .filter((o) => o.side === SELL)
    .reduce((s, o) => s + o.quantity, 0n);
  seedStandInClass(ctx.state, CLASS, {
    expiry: 100_000,
    custody,
    balances: traders(size).map((k) => [k.pub, 10_000n]),
  });
}

/** The modules of a chain; `record` gets the duration of each run of the market's end-of-block step. */
function modules(record: (ms: number) => void): Module[] {
  return [
    coinModule,
    { ...standInVouchers, genesis: vouchersGenesis },
    {
      ...marketModule,
      genesis: marketGenesis,
      endBlock(ctx) {
        const start = performance.now();
        marketModule.endBlock?.(ctx);
        record(performance.now() - start);
      },
    },
  ];
}

function genesis(size: ClearingSize): GenesisConfig {
  const g = testGenesis({ maxBlockTxs: size.incoming + 10, maxBlockBytes: 4 * 1024 * 1024 });
  g.chainId = CHAIN_ID;
  g.alloc = [RESTING_BUYER, RESTING_SELLER, ...traders(size)].map((k) => ({
    address: k.pub,
    balance: FUNDS,
  }));
  g.modules = { market: { bench: size }, vouchers: { bench: size } };
  return g;
}

/** The block's new orders: each trader places 10, 7 buys and 3 sells. */
function incomingOrders(size: ClearingSize): Tx[] {
  const next = random(11);
  const txs: Tx[] = [];
  const keys: TestKey[] = traders(size);
  for (let i = 0; i < size.incoming; i++) {
    const key = keys[Math.floor(i / 10)];
    const buy = i % 10 < 7;
    const call = marketCalls[buy ? "buy" : "sell"]({
      classId: CLASS,
      quantity: buy ? between(next, 1, 1_000) : between(next, 1, 100),
      price: buy ? between(next, 6_000, 10_000) : between(next, 5_000, 7_000),
      expiry: 0,
    });
    txs.push(
      signedTx(key, i % 10, call.module, call.kind, call.payload, { fee: 10_000n, chainId: CHAIN_ID }),
    );
  }
  return txs;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function marketClearingFigures(size: ClearingSize): Promise<Figure[]> {
  const clearing: number[] = [];
  const rest: number[] = [];
  const floor: number[] = [];
  let shape = "";
  const txs = incomingOrders(size);
  for (let r = 1; r <= size.repeats; r++) {
    progress(
      `market-clearing: run ${r}/${size.repeats} (${size.resting} resting orders, ${size.incoming} new)`,
    );
    // The block is built on one chain and imported, timed, into another from the same genesis.
    let last = 0;
    const producer = TestChain.create(
      genesis(size),
      undefined,
      modules(() => {}),
    );
    const measured = TestChain.create(
      genesis(size),
      undefined,
      modules((ms) => {
        last = ms;
      }),
    );
    try {
      const block = producer.template(txs);
      const state = prefixedReader(measured.chain.state, modulePrefix("market"));
      // the floor, on the measured chain before it imports anything: read the book, find its price
      const start = performance.now();
      const before = readBook(state, CLASS);
      const slots = before ? readSlots(state, CLASS, before) : [];
      clear(
        slots.map((s) => ({
          id: s.id,
          side: s.side === BUY ? "buy" : "sell",
          price: s.price,
          quantity: s.remaining,
        })),
      );
      floor.push(performance.now() - start);

      measured.clock = producer.clock;
      const importStart = performance.now();
      const res = await measured.chain.importBlock(block);
      const total = performance.now() - importStart;
      if (res.status !== "head") throw new Error(`the block was not imported: ${JSON.stringify(res.status)}`);
      clearing.push(last);
      rest.push(total - last);
      const auction = readAuction(state, [CLASS, 1]);
      if (!auction) throw new Error("the block did not clear the book");
      const after = readBook(state, CLASS);
      shape =
        `${size.resting} resting + ${size.incoming} new orders: ${auction.fills} filled at ${auction.price}, ` +
        `volume ${auction.volume}, ${after?.orders} left`;
    } finally {
      await producer.close();
      await measured.close();
    }
  }
  const ref = {
    name: "the block's order transactions",
    value: median(rest),
    unit: "ms",
    notes: `the import of the same block without its clearing (${size.incoming} order transactions)`,
  };
  return [
    figureAgainst(
      "market-clearing",
      median(clearing),
      "ms",
      ref,
      `${shape}; median of ${size.repeats}; reading the book and finding its price alone: ${median(floor).toFixed(2)} ms`,
    ),
  ];
}
