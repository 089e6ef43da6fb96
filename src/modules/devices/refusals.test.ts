/** Every refusal of the devices kinds, through buildTemplate on a real chain. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { testKey } from "../../testing/chain-harness.js";
import { FlagPayload, ImeiPayload, TransferPayload } from "./schemas.js";
import { DevicesTestChain, devicesGenesis, IMEI_1, IMEI_2, IMEI_3, utf8 } from "./test-chain.js";

const OWNER = testKey(0);
const BUYER = testKey(1);
const STRANGER = testKey(2);
const OPERATOR = testKey(5);

let c: DevicesTestChain;
before(async () => {
  c = DevicesTestChain.create(devicesGenesis([[OPERATOR, "TESTCARRIER"]]));
  await c.mine(c.register(OWNER, IMEI_1), c.register(OWNER, IMEI_2));
  await c.mine(c.transfer(OWNER, IMEI_1, BUYER));
});
after(() => c.close());

test("register twice: DEVICES_EXISTS, whoever asks", () => {
  assert.match(c.refuse(c.register(OWNER, IMEI_1, false), "DEVICES_EXISTS"), /already registered/);
  c.refuse(c.register(STRANGER, IMEI_1, false), "DEVICES_EXISTS");
});

test("transfer: non-owner, unregistered device, to oneself", () => {
  c.refuse(c.transfer(STRANGER, IMEI_2, BUYER, false), "DEVICES_NOT_OWNER");
  c.refuse(c.transfer(BUYER, IMEI_1, STRANGER, false), "DEVICES_NOT_OWNER"); // the buyer has not accepted yet
  c.refuse(c.transfer(OWNER, IMEI_3, BUYER, false), "DEVICES_NOT_FOUND");
  c.refuse(c.transfer(OWNER, IMEI_2, OWNER, false), "DEVICES_SELF_TRANSFER");
});

test("accept: by a stranger, without an offer, of an unregistered device", () => {
  assert.match(c.refuse(c.simple(STRANGER, "accept", IMEI_1, false), "DEVICES_NOT_BUYER"), /offered to tel1/);
  c.refuse(c.simple(OWNER, "accept", IMEI_1, false), "DEVICES_NOT_BUYER");
  c.refuse(c.simple(BUYER, "accept", IMEI_2, false), "DEVICES_NO_PENDING_TRANSFER");
  c.refuse(c.simple(BUYER, "accept", IMEI_3, false), "DEVICES_NOT_FOUND");
});

test("cancel-transfer: by the buyer or a stranger, without an offer", () => {
  c.refuse(c.simple(BUYER, "cancel-transfer", IMEI_1, false), "DEVICES_NOT_OWNER");
  c.refuse(c.simple(STRANGER, "cancel-transfer", IMEI_1, false), "DEVICES_NOT_OWNER");
  c.refuse(c.simple(OWNER, "cancel-transfer", IMEI_2, false), "DEVICES_NO_PENDING_TRANSFER");
});

test("report-stolen by a non-owner; flag by a non-carrier; recover of a clean device", () => {
  c.refuse(c.flagTx(STRANGER, "report-stolen", IMEI_2, "stolen", undefined, false), "DEVICES_NOT_OWNER");
  c.refuse(c.flagTx(BUYER, "report-stolen", IMEI_1, "stolen", undefined, false), "DEVICES_NOT_OWNER");
  assert.match(
    c.refuse(c.flagTx(OWNER, "flag", IMEI_2, "stolen", undefined, false), "DEVICES_NOT_CARRIER"),
    /operator of a registered carrier/,
  );
  c.refuse(c.flagTx(STRANGER, "flag", IMEI_2, "fraud", undefined, false), "DEVICES_NOT_CARRIER");
  c.refuse(c.flagTx(OPERATOR, "flag", IMEI_3, "fraud", undefined, false), "DEVICES_NOT_FOUND");
  c.refuse(c.simple(OWNER, "recover", IMEI_2, false), "DEVICES_NOT_FLAGGED");
  c.refuse(c.simple(OWNER, "recover", IMEI_3, false), "DEVICES_NOT_FOUND");
});

test("a flagged device can be neither offered nor accepted", async () => {
  await c.mine(c.flagTx(OWNER, "report-stolen", IMEI_2, "stolen"));
  c.refuse(c.transfer(OWNER, IMEI_2, BUYER, false), "DEVICES_FLAGGED");
  c.refuse(c.simple(BUYER, "accept", IMEI_2, false), "DEVICES_FLAGGED");
});

test("bad reason index: DEVICES_BAD_REASON", () => {
  for (const kind of ["report-stolen", "flag"] as const) {
    const payload = FlagPayload.serialize({ imei: utf8(IMEI_1), reason: 3, evidence: new Uint8Array(32) });
    c.refuse(c.tx(OWNER, kind, payload, false), "DEVICES_BAD_REASON");
  }
});

test("bad IMEIs in every kind: length, non-digits, check digit", () => {
  const bad: [string, RegExp][] = [
    ["49015420323751", /must be 15 digits, got 14/],
    ["4901542032375180", /must be 15 digits, got 16/],
    ["49015420323751X", /must contain only digits/],
    ["490154203237519", /check digit is 9, expected 8/],
  ];
  for (const [imei, message] of bad) {
    const id = { imei: utf8(imei) };
    const txs = [
      c.tx(OWNER, "register", ImeiPayload.serialize(id), false),
      c.tx(OWNER, "transfer", TransferPayload.serialize({ ...id, to: BUYER.pub }), false),
      c.tx(OWNER, "accept", ImeiPayload.serialize(id), false),
      c.tx(OWNER, "cancel-transfer", ImeiPayload.serialize(id), false),
      c.tx(OWNER, "recover", ImeiPayload.serialize(id), false),
      c.tx(
        OWNER,
        "report-stolen",
        FlagPayload.serialize({ ...id, reason: 1, evidence: new Uint8Array(32) }),
        false,
      ),
      c.tx(
        OPERATOR,
        "flag",
        FlagPayload.serialize({ ...id, reason: 1, evidence: new Uint8Array(32) }),
        false,
      ),
    ];
    for (const tx of txs) assert.match(c.refuse(tx, "DEVICES_BAD_IMEI"), message);
  }
});
