/**
 * Key rotation, the core signature rule: after `account/rotate` only the new key signs for the
 * address, which keeps what it holds; a rotated-away key signs nothing — not in a block, not in
 * the mempool (its pending transactions are dropped, not included); rotation is undone and
 * redone with reorgs like any state.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../bytes.js";
import { merkleRoot } from "../chain/merkle.js";
import { txHash } from "../codec/hashing.js";
import { Tx } from "../codec/schema.js";
import { encodeAddress } from "../crypto/address.js";
import { Mempool } from "../mempool/mempool.js";
import { NodeService } from "../node/service.js";
import { authorisingKey } from "../state/account-auth.js";
import {
  closeAfterwards,
  mine,
  payloadFromJson,
  signedTx,
  signingFor,
  type TestKey,
  testKeys,
} from "../testing/chain-harness.js";
import { ModuleTestChain } from "../testing/module-chain.js";
import { accountCalls } from "./index.js";

const [alice, bob, newKey, thief] = testKeys(0, 1, 5, 6);
const aliceNew = signingFor(alice, newKey);
const LIMITS = { maxTxs: 1000, maxBytes: 1 << 24, maxPerSender: 100, replaceBumpPercent: 10 };

const keyOf = (state: Parameters<typeof authorisingKey>[0], a: Uint8Array) =>
  encodeAddress(authorisingKey(state, a));
const chain = () => closeAfterwards(ModuleTestChain.create());
const hex0x = (b: Uint8Array) => `0x${toHex(b)}`;

/** A coin transfer of `amount` to bob, signed by `key` (for its account), with the harness's nonce. */
function pay(t: ModuleTestChain, key: TestKey, amount: bigint, consume = true): Tx {
  const payload = payloadFromJson("coin", "transfer", { to: hex0x(bob.pub), amount: amount.toString() });
  return t.tx(key, "coin", "transfer", payload, consume);
}

const rotateTo = (t: ModuleTestChain, key: TestKey, to: TestKey, consume = true) =>
  t.call(key, accountCalls.rotate({ key: to.pub }), consume);

test("after a rotation the new key signs for the address, which keeps its balance; the old key signs nothing", async () => {
  const t = chain();
  await t.mine(pay(t, alice, 10n));
  const before = t.balance(alice.pub);
  await t.mine(rotateTo(t, alice, newKey));
  assert.equal(keyOf(t.c.chain.state, alice.pub), encodeAddress(newKey.pub));
  assert.equal(t.balance(alice.pub), before - 1_000n, "only the rotation's fee left the account");
  // The old key: refused, with the code that says why.
  const msg = t.refuse(pay(t, alice, 5n, false), "TX_KEY_ROTATED");
  assert.match(msg, new RegExp(encodeAddress(newKey.pub)));
  // The new key signs for alice's address; alice's coins move.
  const bobBefore = t.balance(bob.pub);
  await t.mine(pay(t, aliceNew, 7n));
  assert.equal(t.balance(bob.pub), bobBefore + 7n);
  // The new key's own address is untouched: it is not the account.
  assert.equal(t.balance(newKey.pub), 0n);
  // A key that never signed for alice: a plain bad signature.
  t.refuse(pay(t, signingFor(alice, thief), 1n, false), "TX_KEY_ROTATED");
});

test("a rotation is refused to the same key and to an unusable key, changing nothing", async () => {
  const t = chain();
  t.refuse(rotateTo(t, alice, alice, false), "ACCOUNT_SAME_KEY");
  const smallOrder = new Uint8Array(32);
  smallOrder[0] = 1; // the identity point: no one could sign with it
  t.refuse(t.call(alice, accountCalls.rotate({ key: smallOrder }), false), "ACCOUNT_BAD_KEY");
  assert.equal(keyOf(t.c.chain.state, alice.pub), encodeAddress(alice.pub));
  // Rotating back to the address's own key is allowed and clears the record.
  await t.mine(rotateTo(t, alice, newKey));
  await t.mine(rotateTo(t, aliceNew, alice));
  assert.equal(keyOf(t.c.chain.state, alice.pub), encodeAddress(alice.pub));
  await t.mine(pay(t, alice, 1n));
});

test("a block may rotate and then use the new key; another node importing it verifies against the key in force", async () => {
  const a = chain();
  const b = chain();
  const block = await a.mine(rotateTo(a, alice, newKey), pay(a, aliceNew, 3n));
  const res = await b.importBlocks([block]);
  assert.equal(res?.status, "head");
  assert.equal(keyOf(b.c.chain.state, alice.pub), encodeAddress(newKey.pub));
  assert.equal(toHex(b.c.chain.head().header.stateRoot), toHex(a.c.chain.head().header.stateRoot));
});

test("a block with a transaction by the rotated-away key after the rotation is refused", async () => {
  const a = chain();
  const rot = rotateTo(a, alice, newKey);
  const stale = pay(a, alice, 3n);
  const t = a.c.chain.buildTemplate(bob.pub, [rot].map(candidateOf));
  const txs = [rot, stale];
  const forged = mine({ header: { ...t.block.header, txRoot: merkleRoot(txs.map((x) => txHash(x))) }, txs });
  await assert.rejects(a.c.chain.importBlock(forged), (e: Error & { code?: string }) => {
    assert.equal(e.code, "TX_KEY_ROTATED");
    assert.match(e.message, /^tx 1 /);
    return true;
  });
  assert.equal(keyOf(a.c.chain.state, alice.pub), encodeAddress(alice.pub), "nothing changed");
});

test("a block whose transaction is not signed by the sender's key is refused (BLOCK_BAD_SIGNATURE)", async () => {
  const a = chain();
  const forgedTx = pay(a, signingFor(alice, thief), 3n);
  const t = a.c.chain.buildTemplate(bob.pub, []);
  const txs = [forgedTx];
  const forged = mine({ header: { ...t.block.header, txRoot: merkleRoot(txs.map((x) => txHash(x))) }, txs });
  await assert.rejects(a.c.chain.importBlock(forged), /BLOCK_BAD_SIGNATURE|TX_BAD_SIGNATURE|signature/);
});

test("the mempool drops the old key's pending transactions when the rotation is included; none is mined", async () => {
  const t = chain();
  const node = new NodeService(t.c.chain, new Mempool(LIMITS));
  const rot = rotateTo(t, alice, newKey);
  // Two transfers signed by the old key wait behind the rotation (nonces 1 and 2).
  const pending = [pay(t, alice, 1n), pay(t, alice, 2n)];
  await node.submitTx(Tx.serialize(rot));
  for (const p of pending) await node.submitTx(Tx.serialize(p));
  assert.equal(node.pool.size(), 3);
  // The rotation alone is mined (e.g. by another node) and imported.
  const block = mine(t.c.chain.buildTemplate(bob.pub, [candidateOf(rot)]).block);
  t.c.clock += 10;
  await node.importBlock(block);
  assert.equal(node.pool.size(), 0, "the old key's transactions are gone from the mempool");
  // Submitting one again is refused with the reason.
  await assert.rejects(node.submitTx(Tx.serialize(pending[0])), { code: "TX_KEY_ROTATED" });
  // The new key's transaction with the same nonce is accepted and mined.
  const fresh = signedWithNonce(aliceNew, 1);
  await node.submitTx(Tx.serialize(fresh));
  const next = t.c.chain.buildTemplate(bob.pub, [...node.pool.entries()]);
  assert.deepEqual(
    next.block.txs.map((x) => toHex(txHash(x))),
    [toHex(txHash(fresh))],
  );
});

test("a reorg across a rotation restores the old key, and a re-reorg the new one", async () => {
  const a = chain();
  const b = chain();
  const rotated = await a.mine(rotateTo(a, alice, newKey));
  // b mines a longer branch without the rotation.
  const branch = [await b.mine(), await b.mine()];
  a.c.clock = b.c.clock;
  await a.importBlocks(branch);
  assert.equal(a.height, 2);
  assert.equal(keyOf(a.c.chain.state, alice.pub), encodeAddress(alice.pub), "the rotation was undone");
  assert.equal(toHex(a.c.chain.head().header.stateRoot), toHex(b.c.chain.head().header.stateRoot));
  // alice's own key signs again; the new key does not.
  b.refuse(pay(b, aliceNew, 1n, false), "TX_BAD_SIGNATURE");
  // Back: the rotation's branch grows longer than b's (b imports it).
  const c = chain();
  await c.importBlocks([rotated]);
  c.c.clock = Math.max(a.c.clock, c.c.clock);
  const more = [await c.mine(), await c.mine()];
  const res = await b.importBlocks([rotated, ...more]);
  assert.equal(res?.status, "head");
  assert.equal(keyOf(b.c.chain.state, alice.pub), encodeAddress(newKey.pub), "the rotation is back");
});

function candidateOf(tx: Tx) {
  const bytes = Tx.serialize(tx);
  return { tx, bytes, hash: txHash(tx), size: bytes.length };
}

function signedWithNonce(key: TestKey, nonce: number): Tx {
  const payload = payloadFromJson("coin", "transfer", { to: hex0x(bob.pub), amount: "4" });
  return signedTx(key, nonce, "coin", "transfer", payload);
}
