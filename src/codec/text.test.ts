import assert from "node:assert/strict";
import { test } from "node:test";
import { ByteListType, ContainerType, UintNumberType } from "@chainsafe/ssz";
import fc from "fast-check";
import { TelchainError } from "../errors.js";
import { decodeStrict } from "./decode.js";
import { text } from "./text.js";

const Id = text({
  maxBytes: 8,
  minBytes: 3,
  pattern: /^[A-Z0-9]*$/,
  describe: "3-8 of A-Z 0-9",
  code: "T_BAD_ID",
});
const Note = text({ maxBytes: 32, describe: "up to 32 bytes of UTF-8" });
const WithText = new ContainerType({ id: Id, note: Note, n: new UintNumberType(4) });
const WithBytes = new ContainerType({
  id: new ByteListType(8),
  note: new ByteListType(32),
  n: new UintNumberType(4),
});

test("a text field encodes and hashes exactly like the byte list it replaces", () => {
  const enc = new TextEncoder();
  for (const v of [
    { id: "AAA", note: "", n: 1 },
    { id: "ZZ99ZZ99", note: "héllo ✓", n: 7 },
  ]) {
    const bytes = WithText.serialize(v);
    const asBytes = { id: enc.encode(v.id), note: enc.encode(v.note), n: v.n };
    assert.deepEqual(bytes, WithBytes.serialize(asBytes));
    assert.deepEqual(WithText.hashTreeRoot(v), WithBytes.hashTreeRoot(asBytes));
    assert.deepEqual(WithText.deserialize(bytes), v);
    assert.deepEqual(WithText.toJson(v), { id: v.id, note: v.note, n: String(v.n) });
  }
});

test("decoding refuses invalid UTF-8 and the text's rules with the type's code", () => {
  const enc = (id: Uint8Array) => WithBytes.serialize({ id, note: new Uint8Array(), n: 0 });
  const refuse = (b: Uint8Array, code: string, re: RegExp) =>
    assert.throws(
      () => decodeStrict(WithText, b, "payload"),
      (e: TelchainError) => e.code === code && re.test(e.message),
    );
  refuse(enc(new Uint8Array([0xff, 0x41, 0x41])), "T_BAD_ID", /not valid UTF-8: expected 3-8 of A-Z 0-9/);
  refuse(enc(new TextEncoder().encode("ab1")), "T_BAD_ID", /"ab1" is not allowed/);
  refuse(enc(new TextEncoder().encode("AB")), "T_BAD_ID", /fewer than 3/);
  assert.throws(() => WithText.serialize({ id: "AAA", note: "x".repeat(33), n: 0 }), /more than 32/);
});

test("property: any bytes either decode to text that re-encodes to the same bytes, or fail with a TelchainError", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
      try {
        const v = decodeStrict(WithText, b, "payload");
        assert.deepEqual(WithText.serialize(v), b);
        assert.ok(/^[A-Z0-9]{3,8}$/.test(v.id));
      } catch (e) {
        assert.ok(e instanceof TelchainError, String(e));
        assert.match(e.code, /^(CODEC_|T_BAD_ID)/);
      }
    }),
    { numRuns: 2000 },
  );
});
