/**
 * Property tests of every ENUM kind: random payloads, valid payloads with bytes mutated or
 * cut, and payloads built from random fields never crash the node. A refused transaction
 * is refused with a TelchainError carrying a code, and leaves the state exactly as it was
 * (the template's state root equals that of an empty block).
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import fc from "fast-check";
import { equalBytes } from "../../bytes.js";
import type { Tx } from "../../codec/schema.js";
import type { ModuleCall } from "../../module/kind.js";
import { candidate, type TestKey, testKey, testKeys } from "../../testing/chain-harness.js";
import { attest, commit, enumChain, registerNumber, SIP, VERIFIER } from "./fixtures.test.js";
import { enumCalls, enumKinds } from "./kinds/index.js";
import type { NaptrRecord } from "./schemas.js";

const [OWNER, OTHER] = testKeys(0, 1);
const MINER = testKey(9).pub;
const N = "+15551234567";
const N2 = "+15551234568";

const t = enumChain();
let salt: Uint8Array;
before(async () => {
  await registerNumber(t, OWNER, N);
  salt = await commit(t, OWNER, N2);
  await t.mineEmpty(1);
});

/** Runs `tx` through the next block's template: refused with a code and no state change, or accepted. */
function check(tx: Tx): "refused" | "accepted" {
  const empty = t.c.chain.buildTemplate(MINER, []).block.header.stateRoot;
  const tpl = t.c.chain.buildTemplate(MINER, [candidate(tx)]);
  if (tpl.rejected.length === 0) return "accepted";
  const { code, message } = tpl.rejected[0].error;
  assert.match(code, /^[A-Z][A-Z0-9_]+$/);
  assert.ok(message.length > 0, code);
  assert.ok(
    equalBytes(tpl.block.header.stateRoot, empty),
    `${code}: the refused transaction changed the state`,
  );
  return "refused";
}

const Numbers = fc.oneof(
  fc.constantFrom(N, N2, "+15551234569", "+1555", "15551234567", "+999123", "", "+"),
  fc.string({ maxLength: 16 }),
);
const Bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const Text = (max: number) =>
  fc.oneof(fc.string({ maxLength: max }), fc.constantFrom("U", "u", "", ".", "E2U+sip"));
const Record: fc.Arbitrary<NaptrRecord> = fc.oneof(
  fc.constant(SIP("alice")),
  fc.record({
    order: fc.integer({ min: 0, max: 65535 }),
    preference: fc.integer({ min: 0, max: 65535 }),
    flags: Text(4),
    service: Text(40),
    regexp: fc.oneof(Text(60), fc.constant("!^.*$!sip:a@b!")),
    replacement: Text(40),
  }),
);
const Records = fc.array(Record, { maxLength: 17 });
const Attestations = fc.record({
  key: fc.constantFrom<TestKey>(OWNER, OTHER),
  number: Numbers,
  seed: fc.constantFrom(VERIFIER.seed, new Uint8Array(32).fill(3)),
  from: fc.integer({ min: -20_000, max: 20_000 }),
  length: fc.integer({ min: -100, max: 200_000_000 }),
});

/** Random field values for each kind, built through the kind's own call builder. */
const fieldCalls: Record<keyof typeof enumKinds, fc.Arbitrary<() => ModuleCall>> = {
  commit: Bytes32.map((hash) => () => enumCalls.commit({ hash })),
  register: fc
    .tuple(
      Numbers,
      fc.constantFrom(
        () => salt,
        () => new Uint8Array(32),
      ),
      Records,
      Attestations,
    )
    .map(
      ([number, s, records, a]) =>
        () =>
          enumCalls.register({
            number,
            salt: s(),
            records,
            attestation: attest(t, a.number, a.key.pub, {
              seed: a.seed,
              validFrom: t.c.clock + a.from,
              validUntil: t.c.clock + a.from + a.length,
            }),
          }),
    ),
  set: fc.tuple(Numbers, Records).map(
    ([number, records]) =>
      () =>
        enumCalls.set({ number, records }),
  ),
  transfer: fc.tuple(Numbers, Bytes32).map(
    ([number, to]) =>
      () =>
        enumCalls.transfer({ number, to }),
  ),
  renew: Numbers.map((number) => () => enumCalls.renew({ number })),
  reattest: fc.tuple(Numbers, Attestations).map(
    ([number, a]) =>
      () =>
        enumCalls.reattest({
          number,
          attestation: attest(t, a.number, a.key.pub, { seed: a.seed, validFrom: t.c.clock + a.from }),
        }),
  ),
  "verifier-register": fc
    .oneof(fc.string({ maxLength: 64 }), fc.constantFrom(" x", "x ", "", "ok name"))
    .map((name) => () => enumCalls["verifier-register"]({ name })),
  "verifier-revoke": fc
    .oneof(Bytes32, fc.constant(VERIFIER.pub), fc.constant(OWNER.pub))
    .map((verifier) => () => enumCalls["verifier-revoke"]({ verifier })),
};

/** A valid call of each kind, by the owner, in the fixture's state. */
const validCall = (kind: keyof typeof enumKinds): ModuleCall => {
  switch (kind) {
    case "register":
      return enumCalls.register({
        number: N2,
        salt,
        records: [SIP("b")],
        attestation: attest(t, N2, OWNER.pub),
      });
    case "reattest":
      return enumCalls.reattest({ number: N, attestation: attest(t, N, OWNER.pub) });
    case "commit":
      return enumCalls.commit({ hash: new Uint8Array(32).fill(9) });
    case "verifier-register":
      return enumCalls["verifier-register"]({ name: "a verifier" });
    case "verifier-revoke":
      return enumCalls["verifier-revoke"]({ verifier: OWNER.pub });
    case "transfer":
      return enumCalls.transfer({ number: N, to: OTHER.pub });
    case "renew":
      return enumCalls.renew({ number: N });
    case "set":
      return enumCalls.set({ number: N, records: [SIP("c")] });
  }
};

const Mutations = fc.record({
  edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
  cut: fc.option(fc.nat(), { nil: undefined }),
});

for (const kind of Object.keys(enumKinds) as (keyof typeof enumKinds)[]) {
  test(`enum/${kind}: random and mutated payloads are refused with a code and change nothing`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (payload) => {
        check(t.tx(OWNER, "enum", kind, payload, false));
      }),
      { numRuns: 60 },
    );
    const valid = validCall(kind).payload;
    if (kind !== "verifier-revoke") assert.equal(check(t.tx(OWNER, "enum", kind, valid, false)), "accepted");
    const seen = { refused: 0, accepted: 0 };
    fc.assert(
      fc.property(Mutations, ({ edits, cut }) => {
        const payload = valid.slice(0, cut === undefined ? valid.length : cut % (valid.length + 1));
        for (const [at, byte] of edits) if (payload.length > 0) payload[at % payload.length] = byte;
        seen[check(t.tx(OWNER, "enum", kind, payload, false))]++;
      }),
      { numRuns: 60 },
    );
    assert.ok(kind === "commit" || seen.refused > 30, `${kind}: ${JSON.stringify(seen)}`);
    fc.assert(
      fc.property(fieldCalls[kind], fc.constantFrom(OWNER, OTHER), (build, key) => {
        let call: ModuleCall;
        try {
          call = build();
        } catch (e) {
          // the builder itself refuses text the chain would refuse (the text type's rules), with the field's code
          assert.match((e as { code?: string }).code ?? "", /^ENUM_BAD_/, String(e));
          seen.refused++;
          return;
        }
        seen[check(t.call(key, call, false))]++;
      }),
      { numRuns: 60 },
    );
    assert.ok(seen.refused > (kind === "commit" ? 20 : 60), `${kind}: ${JSON.stringify(seen)}`);
  });
}
