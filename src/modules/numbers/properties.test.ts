/**
 * Property tests of every numbers kind: random and mutated payloads, signed by carrier
 * operators, the holder and strangers on a chain with held, pending and porting numbers, are
 * accepted or refused with a declared code and leave the state as it was — never a crash.
 * And the text schemas encode (and hash) exactly like the byte lists they replaced.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { ByteListType, ContainerType } from "@chainsafe/ssz";
import fc from "fast-check";
import { utf8 } from "../../crypto/hash.js";
import { assertEncodesLikeTwin, byteListTwin } from "../../testing/byte-lists.js";
import { testKey } from "../../testing/chain-harness.js";
import { checkKind, mutated } from "../../testing/kind-properties.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { NUMBERS_ERRORS } from "./errors.js";
import { claim, confirm, fresh, port, registerCarrier } from "./fixtures.test.js";
import { HistoryEvent, NumberRecord, PortRequest } from "./schemas.js";

const opA = testKey(0);
const opB = testKey(1);
const sub = testKey(2);
const other = testKey(3);
const N = "+15551230000"; // held by sub, a port to BBB pending
const M = "+15551230001"; // claimed by sub, not confirmed

let t: ModuleTestChain | undefined;
after(() => t?.close());

const BL = (n: number) => new ByteListType(n);
const number = fc.oneof(
  fc.constantFrom(N, M, "+15551239999"),
  fc.stringMatching(/^\+[0-9]{1,16}$/),
  fc.string({ maxLength: 20 }),
);
const carrier = fc.oneof(fc.constantFrom("AAA", "BBB", "ZZZ"), fc.string({ maxLength: 12 }));
const routing = fc.oneof(
  fc.constantFrom("", "1555000", "17770042", "1666"),
  fc.stringMatching(/^[0-9]{1,16}$/),
  fc.string({ maxLength: 16 }),
);
/** Payloads encoded with looser limits than the real ones (same bytes within those). */
const encoded = (fields: Record<string, fc.Arbitrary<string>>) => {
  const type = new ContainerType(Object.fromEntries(Object.keys(fields).map((k) => [k, BL(100)])));
  return fc
    .record(fields)
    .map((v) => type.serialize(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, utf8(x)]))));
};

test("properties: random and mutated payloads of every kind are accepted or refused with a declared code, never a crash", async () => {
  t = fresh();
  await t.mine(
    t.call(opA, registerCarrier("AAA", ["1555000"])),
    t.call(opB, registerCarrier("BBB", ["1666", "1777"])),
  );
  await t.mine(t.call(sub, claim(N, "AAA")), t.call(sub, claim(M, "AAA")));
  await t.mine(t.call(opA, confirm(N)));
  await t.mine(t.call(sub, port(N, "BBB")));
  const codes = Object.keys(NUMBERS_ERRORS.codes);
  const act = encoded({ number, routingNumber: routing });
  for (const [kind, payloads] of [
    ["claim", encoded({ number, carrier })],
    ["confirm", act],
    ["port", encoded({ number, toCarrier: carrier })],
    ["accept-port", act],
    ["release", encoded({ number })],
  ] as const) {
    const seen = checkKind(t, {
      module: "numbers",
      kind,
      signers: [opA, opB, sub, other],
      payloads: mutated(payloads),
      codes,
    });
    assert.ok(seen.codes.size >= 3, `${kind}: refusals seen ${[...seen.codes]}`);
  }
});

test("properties: stored values encode and hash exactly like the byte-list schemas they replaced", () => {
  // the schemas they replaced, as SSZ spells them: each text field was a ByteList of its limit
  const replaced = [
    [
      NumberRecord,
      "holder: ByteVector[32], carrier: ByteList[8], routingNumber: ByteList[15], active: boolean, " +
        "ported: boolean, deposit: uintBigint64, claimedAt: uint64, confirmBy: uint64, confirmedAt: uint64",
    ],
    [PortRequest, "toCarrier: ByteList[8], requestedAt: uint64, deadline: uint64"],
    [
      HistoryEvent,
      "kind: uint8, height: uint64, fromCarrier: ByteList[8], toCarrier: ByteList[8], routingNumber: ByteList[15]",
    ],
  ] as const;
  for (const [schema, fields] of replaced)
    assert.equal(byteListTwin(schema).typeName, `Container({${fields}})`);
  const id = fc.stringMatching(/^[A-Z0-9]{3,8}$/);
  const rn = fc.stringMatching(/^(?:[1-9][0-9]{0,14})?$/);
  const height = fc.nat();
  fc.assert(
    fc.property(
      fc.record({
        holder: fc.uint8Array({ minLength: 32, maxLength: 32 }),
        carrier: id,
        routingNumber: rn,
        active: fc.boolean(),
        ported: fc.boolean(),
        deposit: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        claimedAt: height,
        confirmBy: height,
        confirmedAt: height,
      }),
      fc.record({ toCarrier: id, requestedAt: height, deadline: height }),
      fc.record({
        kind: fc.nat(5),
        height,
        fromCarrier: fc.oneof(fc.constant(""), id),
        toCarrier: fc.oneof(fc.constant(""), id),
        routingNumber: rn,
      }),
      (r, p, e) => {
        assertEncodesLikeTwin(NumberRecord, r);
        assertEncodesLikeTwin(PortRequest, p);
        assertEncodesLikeTwin(HistoryEvent, e);
      },
    ),
  );
});
