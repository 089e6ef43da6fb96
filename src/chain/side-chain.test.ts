/**
 * The side-chain anti-DoS rule (side-chain.ts) as block sequences on a real chain (LMDB in a
 * temp dir): a cheap fork from genesis is refused and writes nothing, a competitive branch
 * near the tip is stored and overtakes as before, a branch lagging more than 6 blocks or
 * forking more than 100 below the head is refused, and a branch that sync proves heavier is
 * stored however deep its fork.
 *
 * Work figures, by hand: work(bits) = floor(2^256 / (target + 1)).
 *   bits 0x1f7fffff: target = (2^23 - 1) * 2^224, work = floor(2^9 / (1 - 2^-23 + 2^-247)) = 512
 *   bits 0x207fffff (the easiest): target = (2^23 - 1) * 2^232, work = 2
 * The genesis here carries 0x1f7fffff, so a main-chain block (on schedule) adds 512 and the
 * block at height h has cumulative work 512 * (h + 1).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../bytes.js";
import { headerHash } from "../codec/hashing.js";
import type { Block } from "../codec/schema.js";
import type { Bucket } from "../storage/interface.js";
import {
  closeAfterwards,
  mine,
  SPACING,
  T0,
  TestChain,
  testGenesis,
  testKey,
  transferTx,
} from "../testing/chain-harness.js";
import { workFromBytes } from "./chain-store.js";
import { workForBits } from "./pow.js";
import { MAX_SIDE_DEPTH, provenWorkOf, SIDE_WORK_SLACK_BLOCKS } from "./side-chain.js";

const BLOCK_WORK = 512n;
const EASIEST_WORK = 2n;
const genesis = { ...testGenesis(), bits: 0x1f7fffff };
/** The main chain starts this late, so a fork may date its blocks far behind its schedule. */
const MAIN_START = T0 + 100_000;

const chainOf = (): TestChain => closeAfterwards(TestChain.create(genesis));
const hashOf = (b: Block) => headerHash(b.header);
const workOf = (c: TestChain, b: Block) =>
  workFromBytes(c.chain.store.record(hashOf(b))?.work ?? new Uint8Array(32));

/** The main chain: `n` blocks on schedule from MAIN_START. */
async function mainChain(n: number): Promise<{ c: TestChain; blocks: Block[] }> {
  const c = chainOf();
  c.clock = MAIN_START;
  const blocks: Block[] = [];
  for (let i = 0; i < n; i++) blocks.push(await c.extend());
  return { c, blocks };
}

/**
 * A chain holding `main`'s first `upTo` blocks, to mine its own branch from there with
 * `extendAs`: on the main chain's schedule (so with the same bits, 512 of work a block).
 */
async function branchFrom(main: Block[], upTo: number): Promise<TestChain> {
  const b = chainOf();
  b.clock = main[upTo - 1].header.timestamp;
  for (const block of main.slice(0, upTo)) await b.chain.importBlock(block);
  return b;
}

/** The next block of `c` by another miner than the main chain's: a different block at the same time. */
async function extendAs(c: TestChain): Promise<Block> {
  const b = c.template([], testKey(8).pub);
  await c.chain.importBlock(b);
  return b;
}

function entries(c: TestChain, bucket: Bucket): number {
  let n = 0;
  for (const _ of c.store.range(bucket, new Uint8Array([0]), new Uint8Array(40).fill(0xff))) n++;
  return n;
}

async function refused(c: TestChain, block: Block, code: string, provenWork?: bigint): Promise<void> {
  await assert.rejects(c.chain.importBlock(block, undefined, { provenWork }), (e: { code: string }) => {
    assert.equal(e.code, code);
    return true;
  });
  assert.equal(c.chain.store.record(hashOf(block)), undefined, "a refused block leaves no record");
}

test("the work figures of the two bits used here", () => {
  assert.equal(workForBits(0x1f7fffff), BLOCK_WORK);
  assert.equal(workForBits(0x207fffff), EASIEST_WORK);
  assert.equal(SIDE_WORK_SLACK_BLOCKS, 6);
  assert.equal(MAX_SIDE_DEPTH, 100);
});

test("a cheap side chain from genesis is refused at its first block and writes nothing", async () => {
  const { c } = await mainChain(20);
  const head = c.chain.head();
  assert.equal(head.work, 21n * BLOCK_WORK); // 10,752
  // The attacker: block 1 on genesis dated just after it (its ASERT anchor), block 2 dated
  // 100,000 s later, so from block 3 on its own ASERT is at the easiest target.
  const attacker = chainOf();
  attacker.clock = T0;
  const cheap = [await attacker.extend()];
  attacker.clock = MAIN_START - SPACING;
  cheap.push(await attacker.extend());
  for (let i = 0; i < 8; i++) cheap.push(await attacker.extend());
  assert.equal(cheap[0].header.bits, 0x1f7fffff);
  assert.equal(cheap[1].header.bits, 0x1f7fffff);
  for (const b of cheap.slice(2))
    assert.equal(b.header.bits, 0x207fffff, "the fork's ASERT is at the easiest target");
  // Its ten blocks carry 512 + 512 + 512 + 8 * 2 = 1,552 of cumulative work, about three
  // main-chain blocks, and were mined in a few thousand hashes.
  assert.equal(workOf(attacker, cheap[9]), 3n * BLOCK_WORK + 8n * EASIEST_WORK);

  const before = { blocks: entries(c, "blocks"), headers: entries(c, "headers") };
  assert.deepEqual(before, { blocks: 21, headers: 21 });
  // Block 1' has 1,024 < 7,680 = 512 * 15, the work of main-chain block 14 (6 below the head).
  await refused(c, cheap[0], "BLOCK_SIDE_CHAIN_TOO_WEAK");
  // The rest no longer attach to anything this node stored: refused without any work.
  for (const b of cheap.slice(1)) await refused(c, b, "BLOCK_UNKNOWN_PARENT");
  assert.deepEqual(
    { blocks: entries(c, "blocks"), headers: entries(c, "headers") },
    before,
    "nothing written",
  );
  assert.equal(toHex(c.chain.head().hash), toHex(head.hash));
});

test("a side block is refused by the cheap checks before any of its transactions is looked at", async () => {
  const { c, blocks } = await mainChain(20);
  // A fork from main block 5 (too weak) whose transaction root does not match its transaction:
  // the side-chain rule answers, the transaction is never checked.
  const fork = await branchFrom(blocks, 5);
  const t = fork.template([transferTx(testKey(0), 0, testKey(1).pub, 1n)]);
  const bad = mine({ header: { ...t.header, txRoot: new Uint8Array(32).fill(7) }, txs: t.txs });
  await refused(c, bad, "BLOCK_SIDE_CHAIN_TOO_WEAK");
  // The same block on an unknown parent: BLOCK_UNKNOWN_PARENT, again before the transactions.
  const orphan = mine({ header: { ...bad.header, parent: new Uint8Array(32).fill(3) }, txs: bad.txs });
  await refused(c, orphan, "BLOCK_UNKNOWN_PARENT");
  // Near the tip the rule lets it through, and only then the bad root is found.
  const near = await branchFrom(blocks, 19);
  const t2 = near.template([transferTx(testKey(0), 0, testKey(1).pub, 1n)]);
  const bad2 = mine({ header: { ...t2.header, txRoot: new Uint8Array(32).fill(7) }, txs: t2.txs });
  await refused(c, bad2, "BLOCK_BAD_TX_ROOT");
});

test("a competitive side branch near the tip is stored and overtakes the head as before", async () => {
  const { c, blocks } = await mainChain(20);
  // Fork from main block 17, three below the head (work 10,752).
  const side = await branchFrom(blocks, 17);
  const s = [await extendAs(side), await extendAs(side), await extendAs(side), await extendAs(side)];
  const statuses: string[] = [];
  for (const b of s.slice(0, 3)) statuses.push((await c.chain.importBlock(b)).status);
  // Heights 18, 19, 20: work 9,728, 10,240 and 10,752 (a tie: the first seen head stays).
  assert.deepEqual(statuses, ["side", "side", "side"]);
  assert.equal(workOf(c, s[2]), 21n * BLOCK_WORK);
  assert.equal(toHex(c.chain.head().hash), toHex(hashOf(blocks[19])));
  for (const b of s.slice(0, 3)) assert.ok(c.chain.store.blockBytes(hashOf(b)), "side block stored");
  // Height 21: 11,264 > 10,752, the branch becomes the main chain.
  const res = await c.chain.importBlock(s[3]);
  assert.equal(res.status, "head");
  assert.equal(res.disconnected.length, 3);
  assert.equal(res.connected.length, 4);
  assert.equal(c.chain.head().work, 22n * BLOCK_WORK);
});

test("a branch may lag by 6 blocks of work, not 7", async () => {
  const { c, blocks } = await mainChain(20);
  // The bound: main block 14 (= 20 - 6), cumulative work 512 * 15 = 7,680.
  // A block at height 14 on main block 13 has exactly 7,680: stored.
  const lag6 = await branchFrom(blocks, 13);
  const b14 = await extendAs(lag6);
  assert.equal((await c.chain.importBlock(b14)).status, "side");
  assert.equal(workOf(c, b14), 15n * BLOCK_WORK);
  // A block at height 13 on main block 12 has 7,168 < 7,680: refused.
  const lag7 = await branchFrom(blocks, 12);
  await refused(c, await extendAs(lag7), "BLOCK_SIDE_CHAIN_TOO_WEAK");
  // Once the main chain is two blocks further (head 22, bound 512 * 17 = 8,704), the stored
  // branch's next block (height 15, 8,192) lags too far as well.
  await c.extend();
  await c.extend();
  await refused(c, await extendAs(lag6), "BLOCK_SIDE_CHAIN_TOO_WEAK");
});

test("a branch keeping pace with the head is refused once its fork is more than 100 blocks deep", async () => {
  const { c, blocks } = await mainChain(5);
  const side = await branchFrom(blocks, 5);
  // Main and side grow in turn, so the side branch always ties the head's work, from the
  // fork at height 5 up to height 105 (the fork exactly 100 below the head).
  for (let h = 6; h <= 5 + MAX_SIDE_DEPTH; h++) {
    await c.extend();
    assert.equal((await c.chain.importBlock(await extendAs(side))).status, "side", `side block ${h}`);
  }
  assert.equal(c.chain.height(), 105);
  await c.extend(); // head 106: the fork at 5 is now 101 below it
  const next = await extendAs(side);
  // Its work (106 + 1) * 512 = 54,784 is the head's: not too weak, but too deep.
  assert.equal(
    workFromBytes(side.chain.store.record(hashOf(next))?.work ?? new Uint8Array(32)),
    c.chain.head().work,
  );
  await refused(c, next, "BLOCK_FORK_TOO_DEEP");
});

test("a branch that sync proves heavier is stored from its first block, however deep its fork", async () => {
  const { c } = await mainChain(120); // head work 121 * 512 = 61,952
  // Another miner's chain from genesis, on schedule: 122 blocks, 123 * 512 = 62,976.
  const other = chainOf();
  other.clock = MAIN_START + 5;
  const branch: Block[] = [];
  for (let i = 0; i < 122; i++) branch.push(await other.extend());
  const proven = provenWorkOf(branch.map((b) => b.header));
  assert.equal(proven[0], 122n * BLOCK_WORK);
  // Alone, its first block is far too weak (and too deep); with what its headers prove,
  // 512 (genesis) + 62,464 = 62,976 > 61,952, it is stored and the branch overtakes.
  await refused(c, branch[0], "BLOCK_SIDE_CHAIN_TOO_WEAK");
  // Proven work short of overtaking does not help past the depth rule: 512 + 60,928 = 61,440
  // is above the bound (115 * 512 = 58,880) but not above the head, and the fork is 120 deep.
  await refused(c, branch[0], "BLOCK_FORK_TOO_DEEP", 119n * BLOCK_WORK);
  const statuses = new Set<string>();
  for (let i = 0; i < branch.length; i++) {
    statuses.add((await c.chain.importBlock(branch[i], undefined, { provenWork: proven[i] })).status);
  }
  assert.deepEqual([...statuses], ["side", "head"]);
  assert.equal(toHex(c.chain.head().hash), toHex(hashOf(branch[121])));
  assert.equal(c.chain.head().work, 123n * BLOCK_WORK);
});
