import assert from "node:assert/strict";
import { test } from "node:test";
import { bech32, bech32m } from "@scure/base";
import { fromHex, toHex } from "../bytes.js";
import { TelchainError } from "../errors.js";
import { decodeAddress, encodeAddress, isAddress } from "./address.js";

const PUB = fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

function rejects(s: string, message: RegExp): void {
  assert.throws(
    () => decodeAddress(s),
    (e: unknown) => e instanceof TelchainError && e.code === "ADDRESS_INVALID" && message.test(e.message),
  );
  assert.equal(isAddress(s), false);
}

test("encode/decode round trip; lowercase tel1 form of 62 chars", () => {
  const a = encodeAddress(PUB);
  assert.match(a, /^tel1[02-9ac-hj-np-z]{58}$/);
  assert.equal(toHex(decodeAddress(a)), toHex(PUB));
  assert.equal(isAddress(a), true);
  assert.equal(toHex(decodeAddress(a.toUpperCase())), toHex(PUB));
  for (let i = 0; i < 20; i++) {
    const pub = crypto.getRandomValues(new Uint8Array(32));
    assert.deepEqual(decodeAddress(encodeAddress(pub)), pub);
  }
});

test("encodeAddress refuses keys that are not 32 bytes", () => {
  assert.throws(() => encodeAddress(new Uint8Array(31)), { code: "ADDRESS_INVALID" });
});

test("bad checksum: one character changed", () => {
  const a = encodeAddress(PUB);
  const i = 20;
  const swapped = a.slice(0, i) + (a[i] === "q" ? "p" : "q") + a.slice(i + 1);
  rejects(swapped, /bad checksum/);
});

test("wrong prefix", () => {
  rejects(bech32m.encode("bc", bech32m.toWords(PUB)), /wrong prefix "bc"/);
});

test("wrong length", () => {
  rejects(bech32m.encode("tel", bech32m.toWords(PUB.subarray(0, 20))), /wrong length/);
  rejects(bech32m.encode("tel", bech32m.toWords(new Uint8Array(33)), 200), /wrong length/);
});

test("not bech32m: bech32 checksum, mixed case, garbage", () => {
  rejects(bech32.encode("tel", bech32.toWords(PUB)), /bech32 \(BIP 173\) checksum/);
  const a = encodeAddress(PUB);
  rejects(a.slice(0, 10) + a.slice(10).toUpperCase(), /not bech32m/);
  rejects("hello", /not bech32m/);
  rejects("", /not bech32m/);
  rejects("tel1bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", /not bech32m/);
});
