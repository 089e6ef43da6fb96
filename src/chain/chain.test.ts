/**
 * Consensus rules on a real chain (LMDB in a temp dir): every rule rejects its violation
 * with its own code, and a heavier fork replaces the head with balances reverted.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../bytes.js";
import { headerHash } from "../codec/hashing.js";
import { type Block, Header, Tx } from "../codec/schema.js";
import {
  candidate,
  closeAfterwards,
  mine,
  SPACING,
  TestChain,
  testGenesis,
  testKeys,
  transferTx,
  unmine,
} from "../testing/chain-harness.js";
import { Chain } from "./chain.js";
import { merkleRoot } from "./merkle.js";

const [alice, bob, carol, miner] = testKeys(0, 1, 2, 9);

/** A chain closed after the test. */
const fresh = (): TestChain => closeAfterwards(TestChain.create());

/** Re-mines a block after `edit` changed its header (so only the intended rule breaks). */
function tampered(block: Block, edit: (h: Header) => void): Block {
  const header = { ...block.header };
  edit(header);
  return mine({ header, txs: block.txs });
}

async function rejects(c: TestChain, block: Block, code: string): Promise<void> {
  const before = c.chain.head().hash;
  await assert.rejects(c.chain.importBlock(block), (e: { code: string }) => {
    assert.equal(e.code, code);
    return true;
  });
  assert.equal(toHex(c.chain.head().hash), toHex(before), "a refused block must not move the head");
}

test("a block with a transfer moves balances and pays reward plus fees to the miner", async () => {
  const c = fresh();
  const tx = transferTx(alice, 0, bob.pub, 1234n, { fee: 500n });
  await c.extend([tx]);
  assert.equal(c.chain.height(), 1);
  assert.equal(c.balance(alice.pub), 1_000_000n - 1234n - 500n);
  assert.equal(c.balance(bob.pub), 1_000_000n + 1234n);
  assert.equal(c.balance(miner.pub), 5_000n + 500n);
});

test("bad proof of work is refused", async () => {
  const c = fresh();
  await rejects(c, unmine(c.template()), "BLOCK_BAD_POW");
});

test("a timestamp not after the median time past is refused", async () => {
  const c = fresh();
  for (let i = 0; i < 3; i++) await c.extend();
  const b = tampered(c.template(), (h) => {
    h.timestamp = c.chain.medianTimePast(c.chain.head().hash);
  });
  await rejects(c, b, "BLOCK_TIME_TOO_OLD");
});

test("a timestamp too far in the future is refused", async () => {
  const c = fresh();
  const b = tampered(c.template(), (h) => {
    h.timestamp = c.clock + c.chain.params.maxFutureDrift + 1;
  });
  await rejects(c, b, "BLOCK_TIME_TOO_NEW");
});

test("a wrong state root is refused and the block is remembered as invalid", async () => {
  const c = fresh();
  const b = tampered(c.template([transferTx(alice, 0, bob.pub, 10n)]), (h) => {
    h.stateRoot = new Uint8Array(32).fill(1);
  });
  await rejects(c, b, "BLOCK_BAD_STATE_ROOT");
  await rejects(c, b, "BLOCK_KNOWN_INVALID");
  assert.equal(c.balance(bob.pub), 1_000_000n);
});

test("a double spend is refused", async () => {
  const c = fresh();
  const template = c.template();
  // Two transfers that together exceed alice's balance, assembled by hand (the template builder would drop one).
  const txs = [transferTx(alice, 0, bob.pub, 600_000n), transferTx(alice, 1, carol.pub, 600_000n)];
  const b = mine({
    header: { ...template.header, txRoot: merkleRoot(txs.map((t) => candidate(t).hash)) },
    txs,
  });
  await rejects(c, b, "ACCOUNT_INSUFFICIENT_FUNDS");
});

test("a replayed nonce is refused", async () => {
  const c = fresh();
  const tx = transferTx(alice, 0, bob.pub, 10n);
  await c.extend([tx]);
  const template = c.template();
  const b = mine({ header: { ...template.header, txRoot: merkleRoot([candidate(tx).hash]) }, txs: [tx] });
  await rejects(c, b, "TX_BAD_NONCE");
});

test("a transaction signed for another chain id is refused", async () => {
  const c = fresh();
  const tx = transferTx(alice, 0, bob.pub, 10n, { chainId: "telchain-other" });
  const template = c.template();
  const b = mine({ header: { ...template.header, txRoot: merkleRoot([candidate(tx).hash]) }, txs: [tx] });
  await rejects(c, b, "BLOCK_BAD_SIGNATURE");
});

test("a bad signature is refused", async () => {
  const c = fresh();
  const tx = transferTx(alice, 0, bob.pub, 10n);
  tx.signature = tx.signature.slice();
  tx.signature[5] ^= 1;
  const template = c.template();
  const b = mine({ header: { ...template.header, txRoot: merkleRoot([candidate(tx).hash]) }, txs: [tx] });
  await rejects(c, b, "BLOCK_BAD_SIGNATURE");
});

test("an oversize block and a block with too many transactions are refused", async () => {
  for (const [limits, code] of [
    [{ maxBlockBytes: 1024, maxBlockTxs: 100 }, "BLOCK_OVERSIZE"],
    [{ maxBlockBytes: 64 * 1024, maxBlockTxs: 4 }, "BLOCK_TOO_MANY_TXS"],
  ] as const) {
    const c = closeAfterwards(TestChain.create(testGenesis(limits)));
    const txs = Array.from({ length: 5 }, (_, i) => transferTx(alice, i, bob.pub, 1n));
    const template = c.template();
    const b = mine({
      header: { ...template.header, txRoot: merkleRoot(txs.map((t) => candidate(t).hash)) },
      txs,
    });
    await rejects(c, b, code);
  }
});

test("wrong difficulty bits, tx root, height and unknown parent are refused", async () => {
  const c = fresh();
  await c.extend();
  const t = c.template();
  const edits: [code: string, edit: Partial<Header>][] = [
    ["BLOCK_BAD_DIFFICULTY", { bits: 0x1f7fffff }],
    ["BLOCK_BAD_TX_ROOT", { txRoot: new Uint8Array(32) }],
    ["BLOCK_BAD_HEIGHT", { height: 5 }],
    ["BLOCK_UNKNOWN_PARENT", { parent: new Uint8Array(32).fill(3) }],
  ];
  for (const [code, edit] of edits)
    await rejects(
      c,
      tampered(t, (h) => Object.assign(h, edit)),
      code,
    );
});

test("a heavier fork replaces the head, reverts balances and returns orphaned transactions", async () => {
  const a = TestChain.create(); // closed below, its files kept for a reopen
  const b = fresh();
  // Branch A: one block with alice -> bob.
  const pay = transferTx(alice, 0, bob.pub, 777n);
  const a1 = await a.extend([pay]);
  assert.equal(a.balance(bob.pub), 1_000_777n);
  // Branch B, mined independently from the same genesis: two blocks, carol -> bob.
  b.clock = a.clock - SPACING + 1; // different timestamps, so different blocks
  const b1 = await b.extend([transferTx(carol, 0, bob.pub, 5n)]);
  const b2 = await b.extend();
  // Same length first: the first-seen branch stays.
  const side = await a.chain.importBlock(b1);
  assert.equal(side.status, "side");
  assert.equal(toHex(a.chain.head().hash), toHex(headerHash(a1.header)));
  // One more block of work: reorg.
  a.clock = b.clock;
  const res = await a.chain.importBlock(b2);
  assert.equal(res.status, "head");
  assert.equal(toHex(a.chain.head().hash), toHex(headerHash(b2.header)));
  assert.equal(res.disconnected.length, 1);
  assert.equal(res.connected.length, 2);
  assert.deepEqual(
    Tx.serialize(res.disconnected[0].txs[0]),
    Tx.serialize(pay),
    "the orphaned transfer is handed back",
  );
  assert.equal(a.balance(alice.pub), 1_000_000n, "alice's payment is reverted");
  assert.equal(a.balance(bob.pub), 1_000_005n);
  assert.equal(toHex(a.chain.state.root()), toHex(b2.header.stateRoot));

  // The state survives a reopen of the store, consistent with the new head.
  const dir = a.dir;
  await a.close(false);
  const again = closeAfterwards(TestChain.create(undefined, dir));
  assert.equal(toHex(again.chain.head().hash), toHex(headerHash(b2.header)));
  assert.equal(again.balance(bob.pub), 1_000_005n);
});

test("reopening with another genesis is refused", async () => {
  const c = fresh();
  await c.extend();
  assert.throws(
    () =>
      Chain.open({
        store: c.store,
        genesis: { ...testGenesis(), chainId: "telchain-else" },
        modules: c.chain.modules,
        signatures: c.chain.signatures,
      }),
    { code: "GENESIS_MISMATCH" },
  );
});

test("headers encode the block fields in a fixed 160 bytes", () => {
  assert.equal(Header.fixedSize, 160);
});
