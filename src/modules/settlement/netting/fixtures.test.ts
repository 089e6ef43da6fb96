/**
 * Fixtures of the netting tests (an empty test file). The chain runs every module, with the
 * settlement module extended by test-only kinds that write the ledger exactly as the
 * agreements part does (ledger.addObligation in the cycle of the block, ledger.addWithheld),
 * so netting is driven without agreements. Production code has no test hook: the test kinds
 * live here only. Four carriers AAA, BBB, CCC, DDD are registered by operators A, B, C, D.
 */
import { toHex } from "../../../bytes.js";
import type { GenesisConfig } from "../../../chain/genesis.js";
import type { Module } from "../../../module/interface.js";
import { calls, defineKind } from "../../../module/kind.js";
import { type TestKey, testGenesis, testKey } from "../../../testing/chain-harness.js";
import { ModuleTestChain } from "../../../testing/module-chain.js";
import { carriersModule } from "../../carriers/index.js";
import { allModules } from "../../index.js";
import { settlementModule } from "../index.js";
import { addObligation, addWithheld, cycleOf } from "../ledger.js";
import { Obligation } from "../schemas.js";
import { readParams } from "../store.js";
import { collateralCalls } from "./index.js";
import type { Statement } from "./schemas.js";
import { readCollateral, readStatement, readSummary } from "./store.js";

export const CYCLE = 5;
export const [A, B, C, D] = [0, 1, 2, 3].map(testKey);
/** Not an operator of any carrier. */
export const STRANGER = testKey(4);
export const IDS = ["AAA", "BBB", "CCC", "DDD"] as const;
export type Id = (typeof IDS)[number];
export const OPERATOR: Record<Id, TestKey> = { AAA: A, BBB: B, CCC: C, DDD: D };
export const FUNDS = 1_000_000n;

const testKinds = {
  /** What agreements records when an amount is agreed or resolved: an obligation in this block's cycle. */
  "test-oblige": defineKind({
    payload: Obligation,
    parse: (p) => p,
    apply(ctx, o) {
      const cycle = cycleOf(ctx.block.height, readParams(ctx.state).cycleBlocks);
      addObligation(ctx.state, cycle, o.buyer, o.seller, o.amount);
    },
  }),
  /** A dispute opened (amount withheld) ... */
  "test-withhold": defineKind({
    payload: Obligation,
    parse: (p) => p,
    apply: (ctx, o) => addWithheld(ctx.state, o.buyer, o.seller, o.amount),
  }),
  /** ... and closed (the withheld amount released). */
  "test-release": defineKind({
    payload: Obligation,
    parse: (p) => p,
    apply: (ctx, o) => addWithheld(ctx.state, o.buyer, o.seller, -o.amount),
  }),
};
const testCalls = calls("settlement", testKinds);

/** The settlement module with the test kinds. */
export const settlementUnderTest: Module = {
  ...settlementModule,
  kinds: { ...settlementModule.kinds, ...testKinds },
};

export function nettingGenesis(cycleBlocks = CYCLE, balances: [TestKey, bigint][] = []): GenesisConfig {
  const g = testGenesis();
  const funded = new Set(g.alloc.map((a) => toHex(a.address)));
  for (const k of [A, B, C, D, STRANGER])
    if (!funded.has(toHex(k.pub))) g.alloc.push({ address: k.pub, balance: FUNDS });
  for (const [k, balance] of balances) {
    const at = g.alloc.find((a) => toHex(a.address) === toHex(k.pub));
    if (at) at.balance = balance;
  }
  g.modules = { settlement: { params: { cycleBlocks } } };
  return g;
}

const registerCall = calls("carriers", carriersModule.kinds).register;

/** A chain with nothing on it yet (for a second branch); `balances` replace some operators' funds. */
export const emptyNettingChain = (cycleBlocks = CYCLE, balances: [TestKey, bigint][] = []) =>
  ModuleTestChain.create({
    genesis: nettingGenesis(cycleBlocks, balances),
    modules: allModules().map((m) => (m.name === "settlement" ? settlementUnderTest : m)),
  });

/** Registers the four carriers, one block. */
export const registerCarriers = (t: ModuleTestChain) =>
  t.mine(
    ...IDS.map((id) =>
      t.call(
        OPERATOR[id],
        registerCall({ id, name: `Carrier ${id}`, routingPrefixes: ["1555000"], sipIngress: [] }),
      ),
    ),
  );

/** A chain with the four carriers registered (block 1). */
export async function nettingChain(
  cycleBlocks = CYCLE,
  balances: [TestKey, bigint][] = [],
): Promise<ModuleTestChain> {
  const t = emptyNettingChain(cycleBlocks, balances);
  await registerCarriers(t);
  return t;
}

/**
 * The example of docs/settlement.md ("Worked example: four carriers"): cycle 0's obligations as
 * [buyer, seller, amount], and the collateral with which AAA defaults and the rest settles.
 */
export const EXAMPLE: [string, string, bigint][] = [
  ["AAA", "BBB", 500n],
  ["BBB", "CCC", 300n],
  ["CCC", "AAA", 200n],
  ["AAA", "DDD", 100n],
  ["DDD", "BBB", 250n],
  ["CCC", "DDD", 150n],
];
export const EXAMPLE_COLLATERAL = { AAA: 300n, BBB: 60n, CCC: 100n, DDD: 200n };

/** The calls the tests make. */
export const sc = {
  oblige: (buyer: string, seller: string, amount: bigint) =>
    testCalls["test-oblige"]({ buyer, seller, amount }),
  withhold: (buyer: string, seller: string, amount: bigint) =>
    testCalls["test-withhold"]({ buyer, seller, amount }),
  release: (buyer: string, seller: string, amount: bigint) =>
    testCalls["test-release"]({ buyer, seller, amount }),
  deposit: (carrier: string, amount: bigint) => collateralCalls["collateral-deposit"]({ carrier, amount }),
  withdraw: (carrier: string, amount: bigint) => collateralCalls["collateral-withdraw"]({ carrier, amount }),
};

/** Obligations as [buyer, seller, amount] rows, recorded by A in one block. */
export const obligeAll = (t: ModuleTestChain, rows: [string, string, bigint][]) =>
  t.mine(...rows.map(([b, s, amount]) => t.call(A, sc.oblige(b, s, amount))));

/** Deposits by each carrier's operator, in one block. */
export const depositAll = (t: ModuleTestChain, amounts: Partial<Record<Id, bigint>>) =>
  t.mine(
    ...Object.entries(amounts).map(([id, amount]) =>
      t.call(OPERATOR[id as Id], sc.deposit(id, amount as bigint)),
    ),
  );

/** Mines empty blocks until the head is at `height`. */
export async function mineTo(t: ModuleTestChain, height: number): Promise<void> {
  if (t.height > height) throw new Error(`head ${t.height} is past ${height}`);
  await t.mineEmpty(height - t.height);
}

/** The last block of `cycle`: the one that nets it. */
export const nettingHeight = (cycle: number, cycleBlocks = CYCLE) => (cycle + 1) * cycleBlocks - 1;

export const collateral = (t: ModuleTestChain, id: string) => readCollateral(t.state("settlement"), id);
export const statement = (t: ModuleTestChain, cycle: number, id: string) =>
  readStatement(t.state("settlement"), cycle, id);
export const summary = (t: ModuleTestChain, cycle: number) => readSummary(t.state("settlement"), cycle);

/** A statement's amounts as a row of plain numbers, for hand-computed tables. */
export const row = (s: Statement | undefined) =>
  s && {
    grossReceivable: Number(s.grossReceivable),
    grossPayable: Number(s.grossPayable),
    net: Number(s.grossReceivable - s.grossPayable),
    paid: Number(s.paid),
    received: Number(s.received),
    carriedReceivable: Number(s.carriedReceivable),
    carriedPayable: Number(s.carriedPayable),
    arrearsReceivable: Number(s.arrearsReceivable),
    arrearsPayable: Number(s.arrearsPayable),
    defaultRound: s.defaultRound,
    collateralAfter: Number(s.collateralAfter),
  };
