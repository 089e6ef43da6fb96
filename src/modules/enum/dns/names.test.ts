import assert from "node:assert/strict";
import { test } from "node:test";
import { isTelchainError } from "../../../errors.js";
import { locateName, normalizeApex, numberToName } from "./names.js";

const apexes = ["e164.arpa", "1.e164.arpa.test"].map(normalizeApex);

test("ENUM names map to digits reversed, case-insensitively, under the closest apex", () => {
  assert.deepEqual(locateName("7.6.5.4.3.2.1.5.5.5.1.E164.ARPA", apexes), {
    kind: "number",
    apex: "e164.arpa",
    digits: "15551234567",
  });
  assert.deepEqual(locateName("E164.arpa", apexes), { kind: "apex", apex: "e164.arpa" });
  assert.deepEqual(locateName("3.1.e164.arpa.test", apexes), {
    kind: "number",
    apex: "1.e164.arpa.test",
    digits: "3",
  });
  assert.deepEqual(locateName("xe164.arpa", apexes), { kind: "outside" });
  assert.deepEqual(locateName("arpa", apexes), { kind: "outside" });
  assert.deepEqual(locateName(".", apexes), { kind: "outside" });
  for (const name of ["12.e164.arpa", "a.e164.arpa", "1..2.e164.arpa", ".1.e164.arpa", "1.2x.e164.arpa"]) {
    assert.deepEqual(locateName(name, apexes), { kind: "invalid", apex: "e164.arpa" }, name);
  }
});

test("numberToName is the inverse of locateName", () => {
  const name = numberToName("4930123456", "e164.arpa");
  assert.equal(name, "6.5.4.3.2.1.0.3.9.4.e164.arpa");
  assert.deepEqual(locateName(name, apexes), { kind: "number", apex: "e164.arpa", digits: "4930123456" });
});

test("apexes are normalized and bad ones refused", () => {
  assert.equal(normalizeApex("E164.Arpa."), "e164.arpa");
  for (const bad of ["", ".", "a..b", ".x"]) {
    assert.throws(
      () => normalizeApex(bad),
      (e: unknown) => isTelchainError(e) && e.code === "DNS_APEX_INVALID",
    );
  }
});
