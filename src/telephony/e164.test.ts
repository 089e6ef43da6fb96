import assert from "node:assert/strict";
import { test } from "node:test";
import { isPossiblePhoneNumber } from "libphonenumber-js/min";
import { parseE164, parseRouteNumber } from "./e164.js";

function refused(input: string, why: RegExp): void {
  assert.throws(
    () => parseE164(input, "ENUM_BAD_NUMBER"),
    (e: { code: string; message: string }) => e.code === "ENUM_BAD_NUMBER" && why.test(e.message),
    input,
  );
}

test("the dev flows' fictional 555 number and real numbers of several plans are accepted", () => {
  assert.deepEqual(parseE164("+15551234567", "ENUM_BAD_NUMBER"), {
    text: "+15551234567",
    digits: "15551234567",
    callingCode: "1",
  });
  assert.equal(parseE164("+442071838750", "ENUM_BAD_NUMBER").callingCode, "44");
  assert.equal(parseE164("+4915112345678", "ENUM_BAD_NUMBER").callingCode, "49");
  assert.equal(parseE164("+88212345678", "ENUM_BAD_NUMBER").callingCode, "882"); // non-geographic
  assert.equal(parseE164("+8613800138000", "ENUM_BAD_NUMBER").callingCode, "86");
});

test("malformed numbers are refused, each with what is wrong", () => {
  refused("15551234567", /missing "\+"/);
  refused("", /empty/);
  refused("+1 555 123 4567", /only digits/);
  refused("+1-5551234567", /only digits/);
  refused("+1555", /too short: the national number has 3 digits, \+1 numbers have 10/);
  refused("+155512345678", /too long/);
  refused("+1234567890123456", /too long: 16 digits/);
  refused("+999123456", /invalid country calling code/);
  refused("+0123456789", /invalid country calling code/);
  refused("+4402071838750", /national number has 11 digits/); // national prefix 0 is not E.164
});

test("the length rule agrees with libphonenumber's isPossiblePhoneNumber on canonical numbers", () => {
  const samples = [
    "+15551234567",
    "+1555123456",
    "+14155552671",
    "+442071838750",
    "+44207183875",
    "+4930123456",
    "+33612345678",
    "+3361234567",
    "+819012345678",
    "+61412345678",
    "+5511912345678",
    "+27821234567",
    "+79161234567",
    "+88212345678",
    "+80012345678",
    "+3906698",
    "+390669812345",
  ];
  for (const n of samples) {
    let ours = true;
    try {
      parseE164(n, "ENUM_BAD_NUMBER");
    } catch {
      ours = false;
    }
    assert.equal(ours, isPossiblePhoneNumber(n), n);
  }
});

test("route numbers may come with or without +", () => {
  assert.equal(parseRouteNumber("+15551234567", "ENUM_BAD_NUMBER").digits, "15551234567");
  assert.equal(parseRouteNumber("15551234567", "ENUM_BAD_NUMBER").text, "+15551234567");
  assert.throws(() => parseRouteNumber("abc", "ENUM_BAD_NUMBER"), { code: "ENUM_BAD_NUMBER" });
});
