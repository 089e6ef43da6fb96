/** `telchain verify WHAT`: the word names a module, a module without its plural s, or a record. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { moduleProofs } from "../modules/proofs.js";
import { resolveWhat } from "./commands/verify.js";

test("verify's WHAT resolves through the modules' proofs: number, device, enum, a record name", () => {
  const proofs = moduleProofs();
  assert.deepEqual(resolveWhat("number", proofs), { module: "numbers" });
  assert.deepEqual(resolveWhat("device", proofs), { module: "devices" });
  assert.deepEqual(resolveWhat("enum", proofs), { module: "enum" });
  assert.deepEqual(resolveWhat("numbers", proofs), { module: "numbers" });
  assert.deepEqual(resolveWhat("verifier", proofs), { module: "enum", record: "verifier" });
  assert.equal(proofs.enum[0].record, "number", "verify enum +1555… proves the number's ENUM entry");
  assert.throws(() => resolveWhat("nosuch", proofs), { code: "SDK_UNKNOWN_MODULE" });
  // A record name two modules have is ambiguous, unless a module is named after it.
  const fake = { a: [{ ...proofs.enum[1], record: "x" }], b: [{ ...proofs.enum[1], record: "x" }] };
  assert.throws(() => resolveWhat("x", fake), { code: "BAD_ARGUMENT" });
});
