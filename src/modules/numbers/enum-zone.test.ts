/**
 * RFC 4694 in the ENUM zone: a number served by ENUM and held in the numbers registry gets
 * an extra "E2U+pstn:tel" NAPTR with ;npdi;rn=+<routing number>, following its ports.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { encodeAddress } from "../../crypto/address.js";
import { testGenesis, testKey } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
// The ENUM module's zone is what this test looks at (it reads numbers through its keeper).
import { zoneSource } from "../enum/zone-source.js";
import {
  accept,
  claim,
  confirm,
  numbersTestGenesis,
  port,
  registerCarrier,
  release,
} from "./fixtures.test.js";

const opA = testKey(0);
const opB = testKey(1);
const sub = testKey(2);
const verifier = testKey(5);
const N = "+15551230000";
const SIP = (user: string) => ({
  order: 100,
  preference: 10,
  flags: "u",
  service: "E2U+sip",
  regexp: `!^.*$!sip:${user}@example.com!`,
  replacement: ".",
});
/** An ENUM genesis section: one verifier and numbers registered by it. */
const enumSection = (numbers: string[]) => ({
  verifiers: [{ address: encodeAddress(verifier.pub), name: "test verifier" }],
  numbers: numbers.map((number, i) => ({
    number,
    owner: encodeAddress(sub.pub),
    verifier: encodeAddress(verifier.pub),
    records: [SIP(`user${i}`)],
    attestedUntil: 1_800_000_000,
  })),
});
const D = "15551230000";

let t: ModuleTestChain | undefined;
after(() => t?.close());

test("the ENUM answer carries the routing number while the number is active, and follows a port", async () => {
  // N is in ENUM (genesis) and about to be claimed in numbers; +15551230001 is in ENUM only
  const genesis = numbersTestGenesis({
    ...testGenesis(),
    modules: { enum: enumSection([N, "+15551230001"]) },
  });
  t = ModuleTestChain.create({ genesis });
  const zone = zoneSource(t.query("enum"));
  await t.mine(
    t.call(opA, registerCarrier("AAA", ["1555000"])),
    t.call(opB, registerCarrier("BBB", ["1666"])),
  );
  await t.mine(t.call(sub, claim(N, "AAA")), t.call(sub, claim("+15551230002", "AAA")));
  assert.equal(zone.records(D)?.length, 1, "a pending claim has no routing number yet");
  await t.mine(t.call(opA, confirm(N)), t.call(opA, confirm("+15551230002")));
  const records = zone.records(D);
  assert.equal(records?.length, 2);
  assert.equal(records?.[0].service, "E2U+sip", "the owner's records come first");
  assert.deepEqual(records?.[1], {
    order: 65535,
    preference: 65535,
    flags: "U",
    service: "E2U+pstn:tel",
    regexp: "!^.*$!tel:+15551230000;npdi;rn=+1555000!",
    replacement: ".",
  });
  await t.mine(t.call(sub, port(N, "BBB")));
  await t.mine(t.call(opB, accept(N)));
  assert.equal(zone.records(D)?.[1].regexp, "!^.*$!tel:+15551230000;npdi;rn=+1666!");
  // ENUM-only numbers are unchanged; numbers-only ones are not served by ENUM at all
  assert.equal(zone.records("15551230001")?.length, 1);
  assert.equal(zone.records("15551230002"), undefined);
  // released: back to the owner's records only
  await t.mine(t.call(sub, release(N)));
  assert.equal(zone.records(D)?.length, 1);
});
