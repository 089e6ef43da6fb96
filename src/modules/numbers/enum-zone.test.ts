/**
 * RFC 4694 in the ENUM zone: a number served by ENUM and held in the numbers registry gets
 * an extra "E2U+pstn:tel" NAPTR with ;npdi;rn=+<routing number>, following its ports.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { encodeAddress } from "../../crypto/address.js";
import { testKey } from "../../testing/chain-harness.js";
import { enumTestGenesis, SIP, VERIFIER } from "../enum/test-chain.js";
import { zoneSource } from "../enum/zone-source.js";
import { NumbersTestChain, numbersTestGenesis } from "./test-chain.js";

const opA = testKey(0);
const opB = testKey(1);
const sub = testKey(2);
const N = "+15551230000";
const D = "15551230000";

let t: NumbersTestChain | undefined;
after(() => t?.close());

test("the ENUM answer carries the routing number while the number is active, and follows a port", async () => {
  const genesis = numbersTestGenesis(
    enumTestGenesis({
      numbers: [
        // in ENUM (genesis) and about to be claimed in numbers
        {
          number: N,
          owner: encodeAddress(sub.pub),
          verifier: encodeAddress(VERIFIER.pub),
          records: [SIP("sub")],
          attestedUntil: 1_800_000_000,
        },
        // in ENUM only
        {
          number: "+15551230001",
          owner: encodeAddress(sub.pub),
          verifier: encodeAddress(VERIFIER.pub),
          records: [SIP("x")],
          attestedUntil: 1_800_000_000,
        },
      ],
    }),
  );
  t = NumbersTestChain.create(genesis);
  const zone = zoneSource(t.query("enum"));
  await t.mine(
    t.carrierTx(opA, "register", { id: "AAA", routingPrefixes: ["1555000"] }),
    t.carrierTx(opB, "register", { id: "BBB", routingPrefixes: ["1666"] }),
  );
  await t.mine(t.claimTx(sub, N, "AAA"), t.claimTx(sub, "+15551230002", "AAA"));
  assert.equal(zone.records(D)?.length, 1, "a pending claim has no routing number yet");
  await t.mine(t.confirmTx(opA, N), t.confirmTx(opA, "+15551230002"));
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
  await t.mine(t.portTx(sub, N, "BBB"));
  await t.mine(t.acceptTx(opB, N));
  assert.equal(zone.records(D)?.[1].regexp, "!^.*$!tel:+15551230000;npdi;rn=+1666!");
  // ENUM-only numbers are unchanged; numbers-only ones are not served by ENUM at all
  assert.equal(zone.records("15551230001")?.length, 1);
  assert.equal(zone.records("15551230002"), undefined);
  // released: back to the owner's records only
  await t.mine(t.releaseTx(sub, N));
  assert.equal(zone.records(D)?.length, 1);
});
