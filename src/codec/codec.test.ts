import assert from "node:assert/strict";
import { test } from "node:test";
import { sampleHeader } from "../testing/sample-header.js";
import { decodeBlock, decodeHeader, decodeTx } from "./decode.js";
import { Block, Header, Tx } from "./schema.js";

const SAMPLE = sampleHeader();

const tx: Tx = {
  body: {
    sender: new Uint8Array(32).fill(7),
    nonce: 3,
    fee: 1000n,
    expiry: 0,
    module: new TextEncoder().encode("coin"),
    kind: new TextEncoder().encode("transfer"),
    payload: new Uint8Array([1, 2, 3]),
  },
  signature: new Uint8Array(64).fill(9),
};

test("transaction round-trips through its canonical encoding", () => {
  const bytes = Tx.serialize(tx);
  assert.deepEqual(decodeTx(bytes), tx);
});

test("trailing bytes after a fixed-size header are refused", () => {
  const header = Header.serialize(SAMPLE);
  assert.deepEqual(decodeHeader(header), SAMPLE);
  const longer = new Uint8Array(header.length + 1);
  longer.set(header);
  assert.throws(() => decodeHeader(longer), { code: "CODEC_MALFORMED" });
});

test("truncated input is refused", () => {
  const bytes = Tx.serialize(tx);
  assert.throws(() => decodeTx(bytes.subarray(0, 40)), { code: "CODEC_MALFORMED" });
  assert.throws(() => decodeTx(new Uint8Array(0)), { code: "CODEC_MALFORMED" });
  assert.throws(() => decodeHeader(Header.serialize(SAMPLE).subarray(1)), { code: "CODEC_MALFORMED" });
});

test("an oversize payload is refused by the decoder", () => {
  const big = { ...tx, body: { ...tx.body, payload: new Uint8Array(16 * 1024 + 1) } };
  const bytes = Tx.serialize(big); // the encoder does not bound lists; the decoder must
  assert.throws(
    () => decodeTx(bytes),
    (e: { code: string }) => e.code.startsWith("CODEC_"),
  );
});

test("a nonce above 2^53 is refused as non-canonical or malformed", () => {
  const bytes = Tx.serialize(tx);
  // body offset: Tx = [offset(4) | signature(64)] then body; nonce sits after sender(32) in the body.
  const bodyStart = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const bad = bytes.slice();
  bad.fill(0xff, bodyStart + 32, bodyStart + 40);
  assert.throws(
    () => decodeTx(bad),
    (e: { code: string }) => e.code.startsWith("CODEC_"),
  );
});

test("a block with a bad list offset is refused", () => {
  const block: Block = { header: SAMPLE, txs: [tx, tx] };
  const bytes = Block.serialize(block);
  assert.deepEqual(decodeBlock(bytes), block);
  assert.throws(() => decodeBlock(bytes, bytes.length - 1), { code: "CODEC_OVERSIZE" });
  const corrupt = bytes.slice();
  // Header is fixed size 160; the txs offset lives right after it: point it past the end.
  new DataView(corrupt.buffer).setUint32(160, corrupt.length + 10, true);
  assert.throws(
    () => decodeBlock(corrupt),
    (e: { code: string }) => e.code.startsWith("CODEC_"),
  );
});
