/**
 * Property tests of the core account kinds: random and mutated `rotate` and `memo-key` payloads,
 * signed by an account's own key, by the key it rotated to, by the key it rotated away from and
 * by a key that never signed for it, are accepted or refused with a declared code, and a refusal
 * leaves the state exactly as it was (src/testing/kind-properties.ts).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { signingFor, testKeys } from "../testing/chain-harness.js";
import { checkKind, mutated } from "../testing/kind-properties.js";
import type { ModuleTestChain } from "../testing/module-chain.js";
import { ModuleTestChain as Chain } from "../testing/module-chain.js";
import { ACCOUNT_ERRORS } from "./errors.js";
import { accountCalls } from "./index.js";

const [alice, bob, bobNew, stranger] = testKeys(0, 1, 5, 7);
const SIGNERS = [alice, signingFor(bob, bobNew), bob, signingFor(alice, stranger)];
const CODES = [...Object.keys(ACCOUNT_ERRORS.codes), "TX_KEY_ROTATED", "TX_BAD_SIGNATURE"];

let t: ModuleTestChain;
before(async () => {
  t = Chain.create();
  await t.mine(t.call(bob, accountCalls.rotate({ key: bobNew.pub })));
});
after(() => t.close());

const key = fc.oneof(
  fc.constantFrom(alice.pub, bob.pub, bobNew.pub, stranger.pub, new Uint8Array(32)),
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
);

for (const [kind, build] of [
  ["rotate", (k: Uint8Array) => accountCalls.rotate({ key: k })],
  ["memo-key", (k: Uint8Array) => accountCalls["memo-key"]({ key: k })],
] as const) {
  test(`account/${kind}: random and mutated payloads are refused cleanly or accepted, never a crash`, () => {
    const seen = checkKind(t, {
      module: "account",
      kind,
      signers: SIGNERS,
      codes: CODES,
      payloads: mutated(key.map((k) => build(k).payload)),
      runs: 300,
    });
    assert.ok(seen.accepted > 0, "some payloads are accepted");
    assert.ok(seen.codes.has("TX_KEY_ROTATED"), "the rotated-away key is refused");
    assert.ok(
      seen.codes.has(kind === "rotate" ? "ACCOUNT_BAD_KEY" : "ACCOUNT_BAD_MEMO_KEY"),
      [...seen.codes].join(", "),
    );
  });
}
