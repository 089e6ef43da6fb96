import assert from "node:assert/strict";
import { after, test } from "node:test";
import { bitsToTarget } from "../chain/compact.js";
import { hashToBigInt } from "../chain/pow.js";
import { HEADER_NONCE_OFFSET, Header } from "../codec/schema.js";
import { sha256d } from "../crypto/hash.js";
import { sampleHeader } from "../testing/sample-header.js";
import { PowSearch } from "./pow-search.js";

const header = sampleHeader({ height: 7, nonce: 0n });
const headerBytes = Header.serialize(header);

function withNonce(bytes: Uint8Array, nonce: bigint): Uint8Array {
  const out = Uint8Array.from(bytes);
  new DataView(out.buffer).setBigUint64(HEADER_NONCE_OFFSET, nonce, true);
  return out;
}

function assertMeets(nonce: bigint, target: bigint): void {
  const mined = withNonce(headerBytes, nonce);
  assert.equal(Header.deserialize(mined).nonce, nonce, "nonce sits in the header's nonce field");
  assert.ok(hashToBigInt(sha256d(mined)) <= target, `nonce ${nonce} meets the target`);
}

const miners: PowSearch[] = [];
const make = (threads?: number) => {
  const m = new PowSearch(threads);
  miners.push(m);
  return m;
};
after(() => Promise.all(miners.map((m) => m.close())));

test("finds a nonce meeting an easy target (regtest limit 0x207fffff)", async () => {
  const miner = make();
  const target = bitsToTarget(0x207fffff);
  const r = await miner.search(headerBytes, target);
  assert.ok(r);
  assert.ok(r.hashes >= 1);
  assertMeets(r.nonce, target);
});

test("finds nonces for 2^240 (about 65k hashes) with several threads, and reports a hash rate", async () => {
  const miner = make(3);
  const target = 1n << 240n;
  for (const timestamp of [1, 2, 3]) {
    const bytes = Header.serialize({ ...header, timestamp });
    const r = await miner.search(bytes, target);
    assert.ok(r);
    const mined = withNonce(bytes, r.nonce);
    assert.ok(hashToBigInt(sha256d(mined)) <= target);
    assert.ok(r.hashes > 0);
  }
  assert.ok(miner.hashRate() > 0, "hash rate after searching");
});

test("the search is exact: the first winning nonce of a single thread is the lowest overall", async () => {
  const miner = make(1);
  const target = 1n << 250n; // 1 in 64
  const r = await miner.search(headerBytes, target);
  assert.ok(r);
  assertMeets(r.nonce, target);
  for (let n = 0n; n < r.nonce; n++) {
    assert.ok(hashToBigInt(sha256d(withNonce(headerBytes, n))) > target, `nonce ${n} should not win`);
  }
  assert.equal(r.hashes, Number(r.nonce) + 1);
});

test("cancel resolves null at once and the workers really stop grinding", async () => {
  const miner = make(2);
  const pending = miner.search(headerBytes, 0n);
  await new Promise((r) => setTimeout(r, 200));
  const cancelledAt = performance.now();
  miner.cancel();
  assert.equal(await pending, null);
  // Workers only read new jobs after leaving the hash loop; with target 0 that loop would run for
  // 2^63 nonces, so the next search finishing proves the shared cancel flag stopped them.
  const r = await miner.search(headerBytes, bitsToTarget(0x207fffff));
  assert.ok(r);
  assertMeets(r.nonce, bitsToTarget(0x207fffff));
  assert.ok(performance.now() - cancelledAt < 2000, "workers stopped within a batch");
});

test("a new search cancels the previous one", async () => {
  const miner = make(2);
  const first = miner.search(headerBytes, 0n);
  await new Promise((r) => setTimeout(r, 50));
  const second = miner.search(headerBytes, 1n << 248n);
  assert.equal(await first, null);
  const r = await second;
  assert.ok(r);
  assertMeets(r.nonce, 1n << 248n);
});

test("rejects bad input, and close() ends the workers", async () => {
  const miner = make();
  await assert.rejects(miner.search(new Uint8Array(159), 1n), { code: "MINER_BAD_HEADER" });
  await assert.rejects(miner.search(headerBytes, -1n), { code: "MINER_BAD_TARGET" });
  await assert.rejects(miner.search(headerBytes, 1n << 256n), { code: "MINER_BAD_TARGET" });
  assert.throws(() => new PowSearch(0), { code: "MINER_BAD_THREADS" });

  const pending = miner.search(headerBytes, 0n);
  const workerPorts = () => process.getActiveResourcesInfo().filter((r) => r === "MessagePort").length;
  const before = workerPorts();
  await miner.close();
  assert.equal(await pending, null, "close cancels the running search");
  assert.equal(workerPorts(), before - 1, "the worker thread is gone");
  await assert.rejects(miner.search(headerBytes, 1n), { code: "MINER_CLOSED" });
});
