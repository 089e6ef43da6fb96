/** The shared argument parsers: which forms are accepted, and what a refusal says. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { blockIdArgument, e164Argument, intArgument, txHashArgument, uint64Argument } from "./arguments.js";

test("uint64 arguments: not a number, too small and too large are three different messages", () => {
  assert.equal(uint64Argument("18446744073709551615", "--amount"), (1n << 64n) - 1n);
  assert.equal(uint64Argument("0", "--x"), 0n);
  assert.throws(() => uint64Argument("18446744073709551616", "--amount"), {
    code: "BAD_ARGUMENT",
    message: '--amount is too large: the most is 18446744073709551615 (2^64-1), got "18446744073709551616"',
  });
  assert.throws(() => uint64Argument("-5", "--amount"), /--amount must be a whole number \(digits only\)/);
  assert.throws(() => uint64Argument("0", "--amount", { min: 1n, code: "X_CODE" }), {
    code: "X_CODE",
    message: '--amount must be at least 1, got "0"',
  });
  assert.equal(intArgument("1000", "--limit", 1, 1000), 1000);
  assert.throws(() => intArgument("1001", "--limit", 1, 1000), /too large: the most is 1000/);
});

test("ids: a transaction hash is 64 hex digits; a block is a height or a hash", () => {
  const h = "Ab".repeat(32);
  assert.equal(txHashArgument(h), h.toLowerCase());
  assert.throws(() => txHashArgument("deadbeef"), /a transaction hash is 64 hex digits/);
  assert.equal(blockIdArgument("0"), "0");
  assert.equal(blockIdArgument("007"), "7");
  assert.equal(blockIdArgument(h), h.toLowerCase());
  for (const bad of ["-1", "", "1e3", "0x10", "9".repeat(16), "a".repeat(65)]) {
    assert.throws(() => blockIdArgument(bad), /a block is a height \(0, 1, 2, …\) or a block hash/, bad);
  }
});

test("E.164 on the command line: + form and bare digits are the same number; others say how to write it", () => {
  assert.deepEqual(e164Argument("+15551234567", "C"), e164Argument("15551234567", "C"));
  assert.equal(e164Argument("15551234567", "C").text, "+15551234567");
  assert.throws(() => e164Argument("tel:+15551234567", "ENUM_BAD_NUMBER"), {
    code: "ENUM_BAD_NUMBER",
    message: /write it as \+15551234567 or 15551234567/,
  });
  assert.throws(() => e164Argument("1555", "NUMBERS_BAD_NUMBER"), {
    code: "NUMBERS_BAD_NUMBER",
    message: /too short/,
  });
});
