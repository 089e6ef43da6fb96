import assert from "node:assert/strict";
import { test } from "node:test";
import { bitsToTarget, targetToBits } from "./compact.js";

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

test("Bitcoin's known compact values decode to their targets", () => {
  assert.equal(bitsToTarget(0x1d00ffff), 0xffffn << 208n);
  assert.equal(
    bitsToTarget(0x1d00ffff).toString(16).padStart(64, "0"),
    "00000000ffff0000000000000000000000000000000000000000000000000000",
  );
  // Bitcoin block 32256's retarget and regtest's limit.
  assert.equal(bitsToTarget(0x1d00d86a), 0xd86an << 208n);
  assert.equal(bitsToTarget(0x207fffff), 0x7fffffn << 232n);
  assert.equal(bitsToTarget(0x1b0404cb), 0x0404cbn << 192n);
  // Small exponents shift the mantissa right (test vectors from Bitcoin's arith_uint256 tests).
  assert.equal(bitsToTarget(0x01123456), 0x12n);
  assert.equal(bitsToTarget(0x02123456), 0x1234n);
  assert.equal(bitsToTarget(0x03123456), 0x123456n);
  assert.equal(bitsToTarget(0x04123456), 0x12345600n);
  assert.equal(bitsToTarget(0x05009234), 0x92340000n);
  assert.equal(bitsToTarget(0x20123456), 0x123456n << 232n);
  assert.equal(bitsToTarget(0x01010000), 1n);
});

test("targetToBits is Bitcoin's canonical GetCompact", () => {
  assert.equal(targetToBits(0xffffn << 208n), 0x1d00ffff);
  assert.equal(targetToBits(0x12n), 0x01120000);
  assert.equal(targetToBits(0x80n), 0x02008000);
  assert.equal(targetToBits(0x1234n), 0x02123400);
  assert.equal(targetToBits(0x123456n), 0x03123456);
  assert.equal(targetToBits(0x12345600n), 0x04123456);
  assert.equal(targetToBits(0x92340000n), 0x05009234);
  assert.equal(targetToBits(0x123456n << 232n), 0x20123456);
  assert.equal(targetToBits(1n), 0x01010000);
  // Only the top three bytes survive.
  assert.equal(targetToBits(0x12345678n), 0x04123456);
  assert.equal(targetToBits((1n << 256n) - 1n), 0x2100ffff);
});

test("round trips: canonical bits survive decode+encode, targets survive up to truncation", () => {
  for (const bits of [0x1d00ffff, 0x1a2b3c4d, 0x1802aee8, 0x207fffff, 0x01010000, 0x03123456, 0x2100ffff]) {
    assert.equal(targetToBits(bitsToTarget(bits)), bits, bits.toString(16));
  }
  let t = 1n;
  for (let i = 0; i < 256; i++) {
    const back = bitsToTarget(targetToBits(t));
    assert.ok(back <= t, `truncation never rounds up (2^${i})`);
    assert.ok(t - back < t >> 15n || t - back === 0n, "loses at most the bytes below the top three");
    assert.equal(targetToBits(back), targetToBits(t));
    t = (t << 1n) | BigInt(i % 3 === 0 ? 1 : 0);
  }
});

test("non-canonical encodings decode to the same target", () => {
  assert.equal(bitsToTarget(0x1e0000ff), bitsToTarget(0x1d00ff00));
  assert.equal(targetToBits(bitsToTarget(0x1e0000ff)), 0x1d00ff00);
});

test("negative, zero and overflowing encodings are refused", () => {
  assert.throws(() => bitsToTarget(0x04923456), code("POW_BAD_BITS")); // sign bit
  assert.throws(() => bitsToTarget(0x01fedcba), code("POW_BAD_BITS")); // sign bit
  assert.throws(() => bitsToTarget(0), code("POW_BAD_BITS"));
  assert.throws(() => bitsToTarget(0x1d000000), code("POW_BAD_BITS"));
  assert.throws(() => bitsToTarget(0x01003456), code("POW_BAD_BITS")); // mantissa shifted away
  assert.throws(() => bitsToTarget(0xff123456), code("POW_BAD_BITS"));
  assert.throws(() => bitsToTarget(0x21010000), code("POW_BAD_BITS")); // 2^256 exactly
  assert.throws(() => bitsToTarget(0x23000001), code("POW_BAD_BITS"));
  assert.throws(() => bitsToTarget(0x22000100), code("POW_BAD_BITS"));
  assert.equal(bitsToTarget(0x22000001), 1n << 248n); // largest exponent that still fits
  assert.throws(() => bitsToTarget(-1), code("POW_BAD_BITS"));
  assert.throws(() => bitsToTarget(2 ** 32), code("POW_BAD_BITS"));
  assert.throws(() => targetToBits(0n), code("POW_BAD_TARGET"));
  assert.throws(() => targetToBits(1n << 256n), code("POW_BAD_TARGET"));
});
