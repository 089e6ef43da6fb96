/** Every refusal of the devices kinds, through buildTemplate on a real chain. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { testKeys } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import {
  dc,
  devicesChain,
  IMEI_1,
  IMEI_2,
  IMEI_3,
  NO_EVIDENCE,
  OPERATOR,
  withImei,
} from "./fixtures.test.js";
import { devicesCalls } from "./index.js";

const [OWNER, BUYER, STRANGER] = testKeys(0, 1, 2);

let c: ModuleTestChain;
before(async () => {
  c = devicesChain();
  await c.mine(c.call(OWNER, dc.register(IMEI_1)), c.call(OWNER, dc.register(IMEI_2)));
  await c.mine(c.call(OWNER, dc.transfer(IMEI_1, BUYER)));
});
after(() => c.close());

test("register twice: DEVICES_EXISTS, whoever asks", () => {
  assert.match(c.refuse(c.call(OWNER, dc.register(IMEI_1), false), "DEVICES_EXISTS"), /already registered/);
  c.refuse(c.call(STRANGER, dc.register(IMEI_1), false), "DEVICES_EXISTS");
});

test("transfer: non-owner, unregistered device, to oneself", () => {
  c.refuse(c.call(STRANGER, dc.transfer(IMEI_2, BUYER), false), "DEVICES_NOT_OWNER");
  c.refuse(c.call(BUYER, dc.transfer(IMEI_1, STRANGER), false), "DEVICES_NOT_OWNER"); // the buyer has not accepted yet
  c.refuse(c.call(OWNER, dc.transfer(IMEI_3, BUYER), false), "DEVICES_NOT_FOUND");
  c.refuse(c.call(OWNER, dc.transfer(IMEI_2, OWNER), false), "DEVICES_SELF_TRANSFER");
});

test("accept: by a stranger, without an offer, of an unregistered device", () => {
  assert.match(c.refuse(c.call(STRANGER, dc.accept(IMEI_1), false), "DEVICES_NOT_BUYER"), /offered to tel1/);
  c.refuse(c.call(OWNER, dc.accept(IMEI_1), false), "DEVICES_NOT_BUYER");
  c.refuse(c.call(BUYER, dc.accept(IMEI_2), false), "DEVICES_NO_PENDING_TRANSFER");
  c.refuse(c.call(BUYER, dc.accept(IMEI_3), false), "DEVICES_NOT_FOUND");
});

test("cancel-transfer: by the buyer or a stranger, without an offer", () => {
  c.refuse(c.call(BUYER, dc.cancel(IMEI_1), false), "DEVICES_NOT_OWNER");
  c.refuse(c.call(STRANGER, dc.cancel(IMEI_1), false), "DEVICES_NOT_OWNER");
  c.refuse(c.call(OWNER, dc.cancel(IMEI_2), false), "DEVICES_NO_PENDING_TRANSFER");
});

test("report-stolen by a non-owner; flag by a non-carrier; recover of a clean device", () => {
  c.refuse(c.call(STRANGER, dc.report(IMEI_2, "stolen"), false), "DEVICES_NOT_OWNER");
  c.refuse(c.call(BUYER, dc.report(IMEI_1, "stolen"), false), "DEVICES_NOT_OWNER");
  assert.match(
    c.refuse(c.call(OWNER, dc.flag(IMEI_2, "stolen"), false), "DEVICES_NOT_CARRIER"),
    /operator of a registered carrier/,
  );
  c.refuse(c.call(STRANGER, dc.flag(IMEI_2, "fraud"), false), "DEVICES_NOT_CARRIER");
  c.refuse(c.call(OPERATOR, dc.flag(IMEI_3, "fraud"), false), "DEVICES_NOT_FOUND");
  c.refuse(c.call(OWNER, dc.recover(IMEI_2), false), "DEVICES_NOT_FLAGGED");
  c.refuse(c.call(OWNER, dc.recover(IMEI_3), false), "DEVICES_NOT_FOUND");
});

test("a flagged device can be neither offered nor accepted", async () => {
  await c.mine(c.call(OWNER, dc.report(IMEI_2, "stolen")));
  c.refuse(c.call(OWNER, dc.transfer(IMEI_2, BUYER), false), "DEVICES_FLAGGED");
  c.refuse(c.call(BUYER, dc.accept(IMEI_2), false), "DEVICES_FLAGGED");
});

test("bad reason index: DEVICES_BAD_REASON", () => {
  for (const kind of ["report-stolen", "flag"] as const) {
    const call = devicesCalls[kind]({ imei: IMEI_1, reason: 3, evidence: NO_EVIDENCE });
    assert.match(c.refuse(c.call(OWNER, call, false), "DEVICES_BAD_REASON"), /reason 3 is unknown/);
  }
});

test("bad IMEIs in every kind: length, non-digits, check digit, not UTF-8", () => {
  const pattern = (imei: string) => new RegExp(`"${imei}" is not allowed: expected an IMEI of 15 digits`);
  const bad: [string | Uint8Array, RegExp][] = [
    ["49015420323751", pattern("49015420323751")],
    ["4901542032375180", pattern("4901542032375180")],
    ["49015420323751X", pattern("49015420323751X")],
    ["", pattern("")],
    ["490154203237519", /check digit is 9, expected 8/],
    [new Uint8Array([0xff, 0xfe]), /not valid UTF-8: expected an IMEI of 15 digits/],
  ];
  for (const [imei, message] of bad) {
    const calls = [
      dc.register(IMEI_1),
      dc.transfer(IMEI_1, BUYER),
      dc.accept(IMEI_1),
      dc.cancel(IMEI_1),
      dc.recover(IMEI_1),
      dc.report(IMEI_1, "stolen"),
    ];
    for (const call of calls)
      assert.match(c.refuse(c.call(OWNER, withImei(call, imei), false), "DEVICES_BAD_IMEI"), message);
    const flag = withImei(dc.flag(IMEI_1, "stolen"), imei);
    assert.match(c.refuse(c.call(OPERATOR, flag, false), "DEVICES_BAD_IMEI"), message);
  }
});

test("the call builders refuse to encode an IMEI that is not 15 digits", () => {
  assert.throws(() => dc.register("4901542032375"), { code: "DEVICES_BAD_IMEI" });
});
