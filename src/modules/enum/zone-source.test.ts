/** What the DNS server reads: served records, empty non-terminals, the serial. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeAddress } from "../../crypto/address.js";
import type { Module } from "../../module/interface.js";
import { testKey } from "../../testing/chain-harness.js";
import { allModules } from "../index.js";
import { enumChain, numberOf, registerNumber, SIP, TEST_PARAMS, VERIFIER } from "./fixtures.test.js";
import { zoneSource } from "./zone-source.js";

const A = testKey(0);

test("records are served while registered and attested; descendants only of served numbers", async () => {
  const e = enumChain();
  const zone = zoneSource(e.query("enum"));
  assert.equal(zone.records("15551234567"), undefined);
  assert.equal(zone.hasDescendant("1555"), false);
  await registerNumber(e, A, "+15551234567", [SIP("alice")]);
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
  const until = numberOf(e, "15551234567")?.attestedUntil ?? 0;
  e.c.clock = until + TEST_PARAMS.attestationGrace - 10; // the next block is 10 s later
  await e.mineEmpty(1);
  assert.ok(zone.records("15551234567"), "within the attestation grace");
  e.c.clock += 60;
  await e.mineEmpty(1);
  assert.equal(zone.records("15551234567"), undefined, "attestation lapsed");
  assert.equal(zone.hasDescendant("1555"), false, "lapsed numbers make no empty non-terminals");
});

test("records stop at expiry", async () => {
  const e = enumChain();
  await registerNumber(e, A, "+15551234567");
  const zone = zoneSource(e.query("enum"));
  const expiresAt = numberOf(e, "15551234567")?.expiresAt ?? 0;
  await e.mineEmpty(expiresAt - e.height);
  assert.ok(zone.records("15551234567"));
  await e.mineEmpty(1);
  assert.equal(zone.records("15551234567"), undefined);
  assert.equal(zone.hasDescendant("1"), false);
});

test("hasDescendant answers yes when many unserved numbers hide what lies below", async () => {
  const e = enumChain({
    numbers: Array.from({ length: 20 }, (_, i) => ({
      number: `+1555123${4000 + i}`,
      owner: encodeAddress(A.pub),
      verifier: encodeAddress(VERIFIER.pub),
      records: [SIP("x")],
      attestedUntil: 0, // lapsed from the start
    })),
  });
  const zone = zoneSource(e.query("enum"));
  assert.equal(zone.records("15551234000"), undefined);
  assert.equal(zone.hasDescendant("1555123"), true, "scan limit reached: conservative yes");
  assert.equal(zone.hasDescendant("1555123401"), false, "10 unserved numbers, all looked at");
});

test("RFC 4694: a number the numbers keeper routes gets a tel: record with its routing number, after its own", async () => {
  const routes = new Map<string, { carrier: string; routingNumber: string }>();
  const numbers: Module = {
    name: "numbers",
    kinds: {},
    keeper: () => ({ routeOf: (d: string) => routes.get(d) }),
  };
  const e = enumChain(
    {
      numbers: ["+15551230000", "+15551230001"].map((number) => ({
        number,
        owner: encodeAddress(A.pub),
        verifier: encodeAddress(VERIFIER.pub),
        records: [SIP("sub")],
        attestedUntil: 1_800_000_000,
      })),
    },
    allModules().map((m) => (m.name === "numbers" ? numbers : m)),
  );
  const zone = zoneSource(e.query("enum"));
  assert.equal(zone.records("15551230000")?.length, 1, "no route: the owner's records only");
  routes.set("15551230000", { carrier: "AAA", routingNumber: "1555000" });
  routes.set("15551230002", { carrier: "AAA", routingNumber: "1555000" });
  const records = zone.records("15551230000");
  assert.equal(records?.[0].service, "E2U+sip", "the owner's records come first");
  assert.deepEqual(records?.[1], {
    order: 65535,
    preference: 65535,
    flags: "U",
    service: "E2U+pstn:tel",
    regexp: "!^.*$!tel:+15551230000;npdi;rn=+1555000!",
    replacement: ".",
  });
  routes.set("15551230000", { carrier: "BBB", routingNumber: "1666" });
  assert.equal(zone.records("15551230000")?.[1].regexp, "!^.*$!tel:+15551230000;npdi;rn=+1666!");
  assert.equal(zone.records("15551230001")?.length, 1, "ENUM-only numbers are unchanged");
  assert.equal(zone.records("15551230002"), undefined, "numbers-only ones are not served by ENUM");
});
