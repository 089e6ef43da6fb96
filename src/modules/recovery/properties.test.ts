/**
 * Property tests of every recovery kind: random and mutated payloads from the owner, guardians, a
 * carrier's operator and strangers, against a chain where one account has guardians with an open
 * proposal, another a started recovery and a pending change, another is locked, are never a crash:
 * a refusal carries a declared code (the module's, the codec's, or the core's for a locked sender)
 * and leaves the state exactly as it was (src/testing/kind-properties.ts).
 */
import { after, before } from "node:test";
import fc from "fast-check";
import type { ModuleCall } from "../../module/kind.js";
import { testKeys } from "../../testing/chain-harness.js";
import { kindPropertyTests } from "../../testing/kind-properties.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { RECOVERY_ERRORS } from "./errors.js";
import { fresh, G1, G2, G3, NEW, OP, OWNER, rc, registerCarrier, STRANGER, THIEF } from "./fixtures.test.js";
import { recoveryCalls } from "./index.js";

let t: ModuleTestChain;
/** OWNER: G1..G3, 2 of 3, an open proposal by G1; G1: started recovery, pending change; G2: locked by G3. */
before(async () => {
  t = fresh();
  await t.mine(t.call(OP, registerCarrier("AAA", "1555")));
  await t.mine(
    t.call(OWNER, rc.set([G1, G2, G3], 2, 50)),
    t.call(G1, rc.set([OWNER, "carrier:AAA"], 1, 50)),
    t.call(G2, rc.set([G3, OWNER], 1, 50)),
  );
  await t.mine(
    t.call(G1, rc.propose(OWNER, NEW)),
    t.call(OP, rc.propose(G1, NEW)),
    t.call(G1, rc.set([OWNER, G2], 2, 60)),
    t.call(G3, rc.lock(G2)),
  );
});
after(() => t.close());

const [K1] = testKeys(30);
const key = fc.oneof(
  fc.constantFrom(OWNER.pub, G1.pub, G2.pub, G3.pub, NEW.pub, THIEF.pub, K1.pub, new Uint8Array(32)),
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
);
const account = fc.constantFrom(OWNER.pub, G1.pub, G2.pub, STRANGER.pub);
const guardian = fc.oneof(
  key.map((address) => ({ address, carrier: "" })),
  fc.constantFrom("AAA", "ZZZ", "").map((carrier) => ({ address: new Uint8Array(32), carrier })),
);
const C = recoveryCalls;
const accountCall = (kind: "cancel-change" | "execute" | "veto" | "lock" | "unlock") =>
  account.map((a) => C[kind]({ account: a }));

const fields: Record<keyof typeof recoveryCalls, fc.Arbitrary<ModuleCall>> = {
  "set-guardians": fc
    .record({
      guardians: fc.array(guardian, { maxLength: 16 }),
      threshold: fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.nat(255)),
      delay: fc.oneof(fc.constantFrom(0, 2, 3, 50, 1_000, 1_001), fc.nat(Number.MAX_SAFE_INTEGER)),
    })
    .map((p) => C["set-guardians"](p)),
  "cancel-change": accountCall("cancel-change"),
  propose: fc.record({ account, key }).map((p) => C.propose(p)),
  execute: accountCall("execute"),
  veto: accountCall("veto"),
  lock: accountCall("lock"),
  unlock: accountCall("unlock"),
};

const codes = [...Object.keys(RECOVERY_ERRORS.codes), "ACCOUNT_LOCKED"];

kindPropertyTests(() => t, {
  module: "recovery",
  calls: fields,
  signers: [OWNER, G1, G2, G3, OP, STRANGER],
  codes,
  runs: 200,
});
