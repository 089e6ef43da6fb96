/** IMEI validation: 15 digits, Luhn check digit, messages that say what is wrong. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { luhnCheckDigit, parseImei, payloadImei } from "./imei.js";

// Valid IMEIs (Luhn check digit correct).
const IMEI_1 = "490154203237518";
const IMEI_2 = "356938035643809";
const IMEI_3 = "353918050001235";

function refusal(text: string): string {
  try {
    parseImei(text, "DEVICES_BAD_IMEI");
  } catch (e) {
    assert.equal((e as { code: string }).code, "DEVICES_BAD_IMEI");
    return (e as Error).message;
  }
  assert.fail(`${text} was accepted`);
}

test("valid IMEIs pass and come back unchanged", () => {
  for (const imei of [IMEI_1, IMEI_2, IMEI_3, "000000000000000"])
    assert.equal(parseImei(imei, "DEVICES_BAD_IMEI"), imei);
});

test("the Luhn check digit of known IMEIs", () => {
  assert.equal(luhnCheckDigit("49015420323751"), 8);
  assert.equal(luhnCheckDigit("35693803564380"), 9);
  assert.equal(luhnCheckDigit("35391805000123"), 5); // worked by hand: sum 35
  // every wrong last digit is refused, only the right one passes
  for (let d = 0; d <= 9; d++) {
    const imei = `49015420323751${d}`;
    if (d === 8) assert.equal(parseImei(imei, "DEVICES_BAD_IMEI"), imei);
    else assert.match(refusal(imei), new RegExp(`check digit is ${d}, expected 8$`));
  }
});

test("wrong length and non-digits are refused with the reason", () => {
  assert.match(refusal("49015420323751"), /must be 15 digits, got 14$/);
  assert.match(refusal("4901542032375180"), /must be 15 digits, got 16$/);
  assert.match(refusal(""), /must be 15 digits, got 0$/);
  assert.match(refusal("49015420323751A"), /must contain only digits$/);
  assert.match(refusal("490154-20323751"), /must contain only digits$/);
  assert.match(refusal(" 490154203237518"), /must contain only digits$/);
  assert.match(refusal("４９０１５４２０３２３７５１８"), /must contain only digits$/, "full-width digits");
  assert.ok(refusal("9".repeat(500)).length < 120, "a long input is not echoed whole");
});

test("payload bytes: invalid UTF-8 is refused as DEVICES_BAD_IMEI", () => {
  assert.equal(payloadImei(new TextEncoder().encode(IMEI_1), "DEVICES_BAD_IMEI"), IMEI_1);
  assert.throws(() => payloadImei(new Uint8Array([0xff, 0xfe]), "DEVICES_BAD_IMEI"), {
    code: "DEVICES_BAD_IMEI",
  });
});
