/**
 * The pure block state transition: deterministic, undoable, and running the modules'
 * end-of-block steps after the transactions and before the reward, on a state held in memory;
 * then on a real chain, an end-of-block step's writes are committed by the state root of mined
 * blocks and undone by a reorg.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { concatBytes, toHex, u64be } from "../bytes.js";
import { headerHash, txHash } from "../codec/hashing.js";
import { type Block, Tx } from "../codec/schema.js";
import type { Module } from "../module/interface.js";
import { ModuleRegistry, modulePrefix } from "../module/registry.js";
import { allModules } from "../modules/index.js";
import { readAccount } from "../state/accounts.js";
import { keyString, Overlay } from "../state/overlay.js";
import { StateDb } from "../state/state-db.js";
import type { StateReader } from "../state/view.js";
import { SPACING, T0, TestChain, testGenesis, testKey, transferTx } from "../testing/chain-harness.js";
import type { TransitionContext } from "./block-execution.js";
import { checkTxStateless } from "./execute.js";
import { buildGenesisBlock } from "./genesis-block.js";
import { stateTransition } from "./state-transition.js";
import { applyUndo } from "./undo.js";

const alice = testKey(0);
const bob = testKey(1);
const miner = testKey(9);

const COUNT = new TextEncoder().encode("count");
const SEEN = new TextEncoder().encode("seen");
const readU64 = (b: Uint8Array, at = 0) => new DataView(b.buffer, b.byteOffset).getBigUint64(at);

/** Test-only module: each end of block counts blocks and records bob's and the miner's balances. */
const tick: Module = {
  name: "tick",
  kinds: {},
  endBlock(ctx) {
    const prev = ctx.state.get(COUNT);
    ctx.state.set(COUNT, u64be(prev ? readU64(prev) + 1n : 1n));
    ctx.state.set(
      SEEN,
      concatBytes(u64be(ctx.accounts.balance(bob.pub)), u64be(ctx.accounts.balance(miner.pub))),
    );
  },
};
const tickKey = (k: Uint8Array) => concatBytes(modulePrefix("tick"), k);

const genesis = testGenesis();
const modules = new ModuleRegistry([...allModules(), tick]);
const ctx: TransitionContext = { chainId: genesis.chainId, params: genesis.params, modules };

type State = Map<string, Uint8Array>;
const reader = (s: State): StateReader => ({ get: (k) => s.get(keyString(k)) });
function applied(s: State, changes: Map<string, Uint8Array | null>): State {
  const out = new Map(s);
  for (const [k, v] of changes) {
    if (v === null) out.delete(k);
    else out.set(k, v);
  }
  return out;
}
const root = (s: State) => toHex(StateDb.rootOf(s));

const g = buildGenesisBlock(genesis, modules);
const genesisState = applied(new Map(), g.changes);

/** Block 1 on the genesis with `txs` (header fields other than height, time and miner do not matter here). */
function block1(txs: Tx[]): { block: Block; checked: ReturnType<typeof checkTxStateless>[] } {
  const block: Block = {
    header: { ...g.block.header, parent: g.hash, height: 1, timestamp: T0 + SPACING, miner: miner.pub },
    txs,
  };
  const checked = txs.map((tx) =>
    checkTxStateless(tx, Tx.serialize(tx), txHash(tx), genesis.params, modules),
  );
  return { block, checked };
}

test("the same block on the same state gives the same changes, undo and fees, and leaves the state alone", () => {
  const { block, checked } = block1([transferTx(alice, 0, bob.pub, 1234n, { fee: 500n })]);
  const before = root(genesisState);
  const first = stateTransition(reader(genesisState), block, checked, ctx);
  const second = stateTransition(reader(genesisState), block, checked, ctx);
  assert.equal(first.fees, 500n);
  assert.deepEqual(second, first);
  assert.ok(first.changes.size > 0 && first.undo.length === first.changes.size);
  assert.equal(root(genesisState), before, "the input state is not modified");
});

test("applying the undo record to the new state restores the old state", () => {
  const { block, checked } = block1([
    transferTx(alice, 0, bob.pub, 1234n),
    transferTx(alice, 1, miner.pub, 7n),
  ]);
  const { changes, undo } = stateTransition(reader(genesisState), block, checked, ctx);
  const after = applied(genesisState, changes);
  assert.notEqual(root(after), root(genesisState));
  const layer = new Overlay(reader(after));
  applyUndo(layer, undo);
  const restored = applied(after, layer.changes);
  assert.deepEqual(restored, genesisState);
  assert.equal(root(restored), root(genesisState));
});

test("a module's end-of-block step runs after the transactions and before the reward", () => {
  const { block, checked } = block1([transferTx(alice, 0, bob.pub, 1234n, { fee: 500n })]);
  const { changes } = stateTransition(reader(genesisState), block, checked, ctx);
  const after = reader(applied(genesisState, changes));
  assert.equal(readU64(after.get(tickKey(COUNT)) as Uint8Array), 1n);
  const seen = after.get(tickKey(SEEN)) as Uint8Array;
  assert.equal(readU64(seen, 0), 1_000_000n + 1234n, "the step sees the block's transfer");
  assert.equal(readU64(seen, 8), 0n, "the step runs before the miner is paid");
  assert.equal(
    readAccount(after, miner.pub).balance,
    5_000n + 500n,
    "reward plus fees are credited after it",
  );
});

test("a failing transaction refuses the whole block, naming its position", () => {
  const { block, checked } = block1([transferTx(alice, 0, bob.pub, 1n), transferTx(alice, 5, bob.pub, 1n)]);
  assert.throws(
    () => stateTransition(reader(genesisState), block, checked, ctx),
    (e: { code: string; message: string }) => e.code === "TX_BAD_NONCE" && e.message.startsWith("tx 1 ("),
  );
});

const chains: TestChain[] = [];
after(async () => {
  for (const c of chains) await c.close();
});

test("end-of-block writes are in the state root of mined blocks and undone by a reorg", async () => {
  const a = TestChain.create(genesis, undefined, modules.all());
  const b = TestChain.create(genesis, undefined, modules.all());
  chains.push(a, b);
  const tickOf = (c: TestChain) => {
    const seen = c.chain.state.get(tickKey(SEEN)) as Uint8Array;
    return { count: readU64(c.chain.state.get(tickKey(COUNT)) as Uint8Array), bob: readU64(seen) };
  };
  // Branch A: two blocks, the first pays bob.
  await a.extend([transferTx(alice, 0, bob.pub, 777n)]);
  await a.extend();
  assert.deepEqual(tickOf(a), { count: 2n, bob: 1_000_777n });
  assert.equal(toHex(a.chain.state.root()), toHex(a.chain.head().header.stateRoot));
  // Branch B, from the same genesis: three empty blocks at other timestamps.
  b.clock = T0 + 1;
  const branch = [await b.extend(), await b.extend(), await b.extend()];
  assert.deepEqual(tickOf(b), { count: 3n, bob: 1_000_000n });
  a.clock = b.clock;
  assert.equal((await a.chain.importBlock(branch[0])).status, "side");
  assert.equal((await a.chain.importBlock(branch[1])).status, "side");
  const res = await a.chain.importBlock(branch[2]);
  assert.equal(res.status, "head");
  assert.equal(res.disconnected.length, 2);
  assert.equal(toHex(a.chain.head().hash), toHex(headerHash(branch[2].header)));
  assert.deepEqual(tickOf(a), { count: 3n, bob: 1_000_000n }, "branch A's end-of-block writes are undone");
  assert.equal(toHex(a.chain.state.root()), toHex(branch[2].header.stateRoot));
});
