/** What the DNS server reads: served records, empty non-terminals, the serial. */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { encodeAddress } from "../../crypto/address.js";
import { testKey } from "../../testing/chain-harness.js";
import { EnumTestChain, SIP, TEST_PARAMS, VERIFIER } from "./test-chain.js";
import { zoneSource } from "./zone-source.js";

const A = testKey(0);
const chains: EnumTestChain[] = [];
after(async () => {
  for (const c of chains) await c.close();
});

test("records are served while registered and attested; descendants only of served numbers", async () => {
  const e = EnumTestChain.create();
  chains.push(e);
  const zone = zoneSource(e.query());
  assert.equal(zone.records("15551234567"), undefined);
  assert.equal(zone.hasDescendant("1555"), false);
  await e.registerNumber(A, "+15551234567", [SIP("alice")]);
  assert.equal(zone.serial(), e.height);
  assert.deepEqual(zone.records("15551234567"), [{ ...SIP("alice"), flags: "U" }]);
  for (const prefix of ["", "1", "1555", "1555123456"])
    assert.equal(zone.hasDescendant(prefix), true, prefix);
  assert.equal(zone.hasDescendant("15551234567"), false, "a number is not its own descendant");
  assert.equal(zone.hasDescendant("1556"), false);
  assert.equal(zone.hasDescendant("2"), false);
  assert.equal(zone.records("1555123456"), undefined);
  assert.equal(zone.records("not digits"), undefined);

  // the attestation lapses attestationGrace seconds after attestedUntil
  const until = e.number("15551234567")?.attestedUntil ?? 0;
  e.c.clock = until + TEST_PARAMS.attestationGrace - 10; // the next block is 10 s later
  await e.mineEmpty(1);
  assert.ok(zone.records("15551234567"), "within the attestation grace");
  e.c.clock += 60;
  await e.mineEmpty(1);
  assert.equal(zone.records("15551234567"), undefined, "attestation lapsed");
  assert.equal(zone.hasDescendant("1555"), false, "lapsed numbers make no empty non-terminals");
});

test("records stop at expiry", async () => {
  const e = EnumTestChain.create();
  chains.push(e);
  await e.registerNumber(A, "+15551234567");
  const zone = zoneSource(e.query());
  const expiresAt = e.number("15551234567")?.expiresAt ?? 0;
  await e.mineEmpty(expiresAt - e.height);
  assert.ok(zone.records("15551234567"));
  await e.mineEmpty(1);
  assert.equal(zone.records("15551234567"), undefined);
  assert.equal(zone.hasDescendant("1"), false);
});

test("hasDescendant answers yes when many unserved numbers hide what lies below", async () => {
  const e = EnumTestChain.create({
    numbers: Array.from({ length: 20 }, (_, i) => ({
      number: `+1555123${4000 + i}`,
      owner: encodeAddress(A.pub),
      verifier: encodeAddress(VERIFIER.pub),
      records: [SIP("x")],
      attestedUntil: 0, // lapsed from the start
    })),
  });
  chains.push(e);
  const zone = zoneSource(e.query());
  assert.equal(zone.records("15551234000"), undefined);
  assert.equal(zone.hasDescendant("1555123"), true, "scan limit reached: conservative yes");
  assert.equal(zone.hasDescendant("1555123401"), false, "10 unserved numbers, all looked at");
});
