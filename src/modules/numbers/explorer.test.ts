import assert from "node:assert/strict";
import { test } from "node:test";
import { numberDigits } from "./explorer.js";

test("the explorer's search reads a phone number in its usual spellings", () => {
  for (const q of ["+15551230000", "15551230000", "+1 555 123 0000", "+1 (555) 123-0000"])
    assert.equal(numberDigits(q), "15551230000", q);
  for (const q of ["12345", "+0123456789", "abc", "+1555123000012345"])
    assert.equal(numberDigits(q), undefined, q);
});
