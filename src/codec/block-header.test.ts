/**
 * decodeBlockHeader, the header-first decoder of an encoded block (the node checks a block's
 * header before it decodes the transactions): on valid blocks, their mutations and random
 * bytes it either refuses with a CODEC_ code or returns exactly the block's first 160 bytes
 * decoded, and it accepts every block decodeBlock accepts, with the same header.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { equalBytes } from "../bytes.js";
import { isTelchainError } from "../errors.js";
import { closeAfterwards, TestChain, testKey, transferTx } from "../testing/chain-harness.js";
import { mutated } from "../testing/kind-properties.js";
import { decodeBlock, decodeBlockHeader } from "./decode.js";
import { Block, HEADER_BYTES, Header } from "./schema.js";

const c = closeAfterwards(TestChain.create());
const blocks = [
  c.template(),
  c.template([transferTx(testKey(0), 0, testKey(1).pub, 5n)]),
  c.template([0, 1, 2].map((n) => transferTx(testKey(1), n, testKey(2).pub, 7n))),
].map((b) => Block.serialize(b));

/** The outcome of a decoder: the value, or the code of its TelchainError (anything else throws). */
function outcome<T>(f: () => T): { ok: T } | { code: string } {
  try {
    return { ok: f() };
  } catch (e) {
    if (!isTelchainError(e)) throw e;
    return { code: e.code };
  }
}

test("the header of a valid block is its first field, decoded alone", () => {
  for (const bytes of blocks) {
    const header = decodeBlockHeader(bytes);
    assert.deepEqual(Header.serialize(header), bytes.subarray(0, HEADER_BYTES));
    assert.deepEqual(header, decodeBlock(bytes).header);
  }
});

test("property: mutated blocks and random bytes: a CODEC_ refusal or the first 160 bytes; never refused when decodeBlock accepts", () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(
      fc.oneof(mutated(fc.constantFrom(...blocks)), fc.uint8Array({ minLength: 150, maxLength: 400 })),
      (bytes) => {
        const head = outcome(() => decodeBlockHeader(bytes));
        const full = outcome(() => decodeBlock(bytes));
        if ("code" in head) {
          assert.match(head.code, /^CODEC_/);
          assert.ok("code" in full, "decodeBlock accepted a block whose header was refused");
          seen.add(head.code);
          return;
        }
        assert.ok(equalBytes(Header.serialize(head.ok), bytes.subarray(0, HEADER_BYTES)));
        if ("ok" in full) assert.deepEqual(head.ok, full.ok.header);
        seen.add("ok");
      },
    ),
    { numRuns: 2000 },
  );
  assert.ok(seen.has("ok") && seen.has("CODEC_MALFORMED"), [...seen].join(", "));
});

test("property: over the size limit both decoders refuse with CODEC_OVERSIZE", () => {
  fc.assert(
    fc.property(fc.constantFrom(...blocks), fc.integer({ min: 1, max: 100 }), (bytes, under) => {
      const max = Math.max(0, bytes.length - under);
      assert.deepEqual(
        outcome(() => decodeBlockHeader(bytes, max)),
        { code: "CODEC_OVERSIZE" },
      );
      assert.deepEqual(
        outcome(() => decodeBlock(bytes, max)),
        { code: "CODEC_OVERSIZE" },
      );
    }),
  );
});
