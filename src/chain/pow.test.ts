import assert from "node:assert/strict";
import { test } from "node:test";
import { fromHex } from "../bytes.js";
import { sha256d } from "../crypto/hash.js";
import { bitsToTarget } from "./compact.js";
import { checkProofOfWork, hashToBigInt, workForBits } from "./pow.js";

test("hashToBigInt reads big-endian", () => {
  const h = new Uint8Array(32);
  h[31] = 1;
  assert.equal(hashToBigInt(h), 1n);
  h[0] = 0x80;
  assert.equal(hashToBigInt(h), (1n << 255n) + 1n);
  assert.equal(hashToBigInt(new Uint8Array(32).fill(0xff)), (1n << 256n) - 1n);
  assert.throws(() => hashToBigInt(new Uint8Array(31)), { code: "POW_BAD_HASH" });
});

test("checkProofOfWork compares the hash against the target, boundary inclusive", () => {
  const bits = 0x1d00ffff;
  const target = bitsToTarget(bits);
  const hex = (n: bigint) => fromHex(n.toString(16).padStart(64, "0"));
  assert.equal(checkProofOfWork(hex(target), bits), true);
  assert.equal(checkProofOfWork(hex(target - 1n), bits), true);
  assert.equal(checkProofOfWork(hex(target + 1n), bits), false);
  assert.equal(checkProofOfWork(hex(0n), bits), true);
  assert.equal(checkProofOfWork(new Uint8Array(32).fill(0xff), bits), false);
});

test("checkProofOfWork on Bitcoin's genesis block hash", () => {
  // Bitcoin shows hashes byte-reversed; the real sha256d output of the genesis header is little-endian.
  const header = fromHex(
    "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e" +
      "67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c",
  );
  const hash = sha256d(header);
  const bigEndian = Uint8Array.from(hash).reverse();
  assert.equal(
    Buffer.from(bigEndian).toString("hex"),
    "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
  );
  assert.equal(checkProofOfWork(bigEndian, 0x1d00ffff), true);
  assert.equal(checkProofOfWork(bigEndian, 0x1b0404cb), false);
  // Read the other way round the same bytes are a huge number.
  assert.equal(checkProofOfWork(hash, 0x1d00ffff), false);
});

test("checkProofOfWork is false for invalid bits rather than throwing", () => {
  assert.equal(checkProofOfWork(new Uint8Array(32), 0), false);
  assert.equal(checkProofOfWork(new Uint8Array(32), 0x04923456), false);
});

test("workForBits is 2^256 / (target + 1)", () => {
  // Bitcoin's per-block work at difficulty 1 is 0x100010001.
  assert.equal(workForBits(0x1d00ffff), 0x100010001n);
  assert.equal(workForBits(0x207fffff), 2n);
  assert.equal(workForBits(0x01010000), 1n << 255n);
  assert.ok(workForBits(0x1b0404cb) > workForBits(0x1d00ffff));
  assert.throws(() => workForBits(0), { code: "POW_BAD_BITS" });
});
