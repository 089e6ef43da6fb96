/** Each way an attestation can be wrong is refused with its own code, and nothing changes. */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { publicKeyFromSeed } from "../../crypto/ed25519.js";
import { sha256, utf8 } from "../../crypto/hash.js";
import { modulePrefix } from "../../module/registry.js";
import { prefixedReader } from "../../state/overlay.js";
import { type TestKey, testKeys } from "../../testing/chain-harness.js";
import { attestationDigest, signAttestation, verifyAttestationSignature } from "./attestation.js";
import {
  AUTHORITY,
  attest,
  commit,
  enumChain,
  numberOf,
  registerTx,
  TEST_PARAMS,
  VERIFIER,
} from "./fixtures.test.js";
import { enumCalls } from "./kinds/index.js";
import type { Attestation } from "./schemas.js";
import { readVerifier } from "./store.js";
import { zoneSource } from "./zone-source.js";

const [OWNER, OTHER] = testKeys(0, 1);
const N = "+15551234567";
const N2 = "+15551234568";

const e = enumChain();
let salt: Uint8Array;
before(async () => {
  salt = await commit(e, OWNER, N);
  await e.mineEmpty(1);
});

function refusedRegister(attestation: Attestation, code: string): void {
  e.refuse(registerTx(e, OWNER, N, salt, undefined, attestation, false), code);
  assert.equal(numberOf(e, "15551234567"), undefined);
}

test("the digest covers chain, number, owner, window and nonce", () => {
  const claim = { number: N, owner: OWNER.pub, validFrom: 1, validUntil: 2, nonce: new Uint8Array(32) };
  const d = attestationDigest("telchain-test", claim);
  for (const other of [
    attestationDigest("telchain-dev", claim),
    attestationDigest("telchain-test", { ...claim, number: N2 }),
    attestationDigest("telchain-test", { ...claim, owner: OTHER.pub }),
    attestationDigest("telchain-test", { ...claim, validFrom: 0 }),
    attestationDigest("telchain-test", { ...claim, validUntil: 3 }),
    attestationDigest("telchain-test", { ...claim, nonce: new Uint8Array(32).fill(1) }),
  ])
    assert.notDeepEqual(other, d);
  const a = signAttestation(VERIFIER.seed, "telchain-test", claim);
  assert.ok(verifyAttestationSignature("telchain-test", a));
  assert.ok(!verifyAttestationSignature("telchain-dev", a));
});

test("wrong signature, number, owner, window, verifier: each refused with its code", () => {
  const impostor = new Uint8Array(32).fill(0x55);
  const forged = { ...attest(e, N, OWNER.pub, { seed: impostor }), verifier: VERIFIER.pub };
  refusedRegister(forged, "ENUM_BAD_ATTESTATION");
  const tampered = attest(e, N, OWNER.pub);
  refusedRegister({ ...tampered, validUntil: tampered.validUntil + 1 }, "ENUM_BAD_ATTESTATION");
  refusedRegister(attest(e, N2, OWNER.pub), "ENUM_ATTESTATION_MISMATCH");
  refusedRegister(attest(e, N, OTHER.pub), "ENUM_ATTESTATION_MISMATCH");
  refusedRegister(
    attest(e, N, OWNER.pub, { validFrom: e.c.clock - 1000, validUntil: e.c.clock - 500 }),
    "ENUM_ATTESTATION_EXPIRED",
  );
  refusedRegister(
    attest(e, N, OWNER.pub, { validFrom: e.c.clock + 500, validUntil: e.c.clock + 1000 }),
    "ENUM_ATTESTATION_EXPIRED",
  );
  refusedRegister(
    attest(e, N, OWNER.pub, { validUntil: e.c.clock + 3 * 365 * 86_400 }),
    "ENUM_BAD_ATTESTATION", // longer than maxAttestationValidity
  );
  refusedRegister(attest(e, N, OWNER.pub, { seed: impostor }), "ENUM_VERIFIER_UNKNOWN");
});

test("a nonce serves once", async () => {
  const nonce = sha256(utf8("once"));
  await e.mine(registerTx(e, OWNER, N, salt, undefined, attest(e, N, OWNER.pub, { nonce })));
  assert.ok(numberOf(e, "15551234567"));
  const reattest = (nonceBytes: Uint8Array, consume: boolean) =>
    e.call(
      OWNER,
      enumCalls.reattest({
        number: N,
        attestation: attest(e, N, OWNER.pub, { nonce: nonceBytes }),
      }),
      consume,
    );
  e.refuse(reattest(nonce, false), "ENUM_ATTESTATION_REPLAYED");
  const until = numberOf(e, "15551234567")?.attestedUntil;
  await e.mine(reattest(sha256(utf8("twice")), true));
  assert.ok((numberOf(e, "15551234567")?.attestedUntil ?? 0) > (until ?? 0));
});

test("verifiers: bond held, self-resignation returns it, authority revocation burns it and lapses its numbers", async () => {
  const enumState = () => prefixedReader(e.c.chain.state, modulePrefix("enum"));
  const registerVerifier = (k: TestKey) =>
    e.call(k, enumCalls["verifier-register"]({ name: `verifier ${k.pub[0]}` }));
  const revoke = (by: TestKey, v: Uint8Array, consume = true) =>
    e.call(by, enumCalls["verifier-revoke"]({ verifier: v }), consume);
  const V1 = OTHER; // resigns
  const b1 = e.c.balance(V1.pub);
  await e.mine(registerVerifier(V1));
  assert.equal(e.c.balance(V1.pub), b1 - 1000n - BigInt(TEST_PARAMS.verifierBond));
  e.refuse(e.call(V1, enumCalls["verifier-register"]({ name: "again" }), false), "ENUM_VERIFIER_EXISTS");

  // a number attested by V1
  const nSalt = await commit(e, OWNER, N2);
  await e.mineEmpty(1);
  await e.mine(registerTx(e, OWNER, N2, nSalt, undefined, attest(e, N2, OWNER.pub, { seed: seedOf(V1) })));
  const zone = zoneSource(e.query("enum"));
  assert.ok(zone.records("15551234568"));

  // a stranger may not revoke
  e.refuse(revoke(OWNER, V1.pub, false), "ENUM_NOT_AUTHORIZED");
  // self-resignation: bond back, its attestation stands
  const b2 = e.c.balance(V1.pub);
  await e.mine(revoke(V1, V1.pub));
  assert.equal(e.c.balance(V1.pub), b2 - 1000n + BigInt(TEST_PARAMS.verifierBond));
  assert.ok(zone.records("15551234568"), "resignation keeps past attestations");
  e.refuse(revoke(V1, V1.pub, false), "ENUM_VERIFIER_REVOKED");
  e.refuse(
    e.call(
      OWNER,
      enumCalls.reattest({
        number: N2,
        attestation: attest(e, N2, OWNER.pub, { seed: seedOf(V1) }),
      }),
      false,
    ),
    "ENUM_VERIFIER_REVOKED",
  );
  assert.equal(readVerifier(enumState(), V1.pub)?.revokedByAuthority, false);

  // the authority revokes the genesis verifier: its numbers lapse at once
  assert.ok(zone.records("15551234567"));
  await e.mine(revoke(AUTHORITY, VERIFIER.pub));
  assert.equal(zone.records("15551234567"), undefined);
  assert.equal(readVerifier(enumState(), VERIFIER.pub)?.revokedByAuthority, true);
  assert.equal(readVerifier(enumState(), VERIFIER.pub)?.bond, 0n);
});

function seedOf(k: TestKey): Uint8Array {
  assert.deepEqual(publicKeyFromSeed(k.seed), k.pub);
  return k.seed;
}
