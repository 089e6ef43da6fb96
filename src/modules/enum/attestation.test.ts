/** Each way an attestation can be wrong is refused with its own code, and nothing changes. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { publicKeyFromSeed } from "../../crypto/ed25519.js";
import { sha256, utf8 } from "../../crypto/hash.js";
import { modulePrefix } from "../../module/registry.js";
import { prefixedReader } from "../../state/overlay.js";
import { type TestKey, testKey } from "../../testing/chain-harness.js";
import { attestationDigest, signAttestation, verifyAttestationSignature } from "./attestation.js";
import { ReattestPayload, VerifierRegisterPayload, VerifierRevokePayload } from "./schemas.js";
import { readVerifier } from "./store.js";
import { AUTHORITY, EnumTestChain, TEST_PARAMS, VERIFIER } from "./test-chain.js";
import { zoneSource } from "./zone-source.js";

const OWNER = testKey(0);
const OTHER = testKey(1);
const N = "+15551234567";
const N2 = "+15551234568";

let e: EnumTestChain;
let salt: Uint8Array;
before(async () => {
  e = EnumTestChain.create();
  salt = await e.commit(OWNER, N);
  await e.mineEmpty(1);
});
after(() => e.close());

function refusedRegister(attestation: ReturnType<EnumTestChain["attest"]>, code: string): void {
  e.refuse(e.registerTx(OWNER, N, salt, undefined, attestation, false), code);
  assert.equal(e.number("15551234567"), undefined);
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
  const forged = { ...e.attest(N, OWNER.pub, { seed: impostor }), verifier: VERIFIER.pub };
  refusedRegister(forged, "ENUM_BAD_ATTESTATION");
  const tampered = e.attest(N, OWNER.pub);
  refusedRegister({ ...tampered, validUntil: tampered.validUntil + 1 }, "ENUM_BAD_ATTESTATION");
  refusedRegister(e.attest(N2, OWNER.pub), "ENUM_ATTESTATION_MISMATCH");
  refusedRegister(e.attest(N, OTHER.pub), "ENUM_ATTESTATION_MISMATCH");
  refusedRegister(
    e.attest(N, OWNER.pub, { validFrom: e.c.clock - 1000, validUntil: e.c.clock - 500 }),
    "ENUM_ATTESTATION_EXPIRED",
  );
  refusedRegister(
    e.attest(N, OWNER.pub, { validFrom: e.c.clock + 500, validUntil: e.c.clock + 1000 }),
    "ENUM_ATTESTATION_EXPIRED",
  );
  refusedRegister(
    e.attest(N, OWNER.pub, { validUntil: e.c.clock + 3 * 365 * 86_400 }),
    "ENUM_BAD_ATTESTATION", // longer than maxAttestationValidity
  );
  refusedRegister(e.attest(N, OWNER.pub, { seed: impostor }), "ENUM_VERIFIER_UNKNOWN");
});

test("a nonce serves once", async () => {
  const nonce = sha256(utf8("once"));
  await e.mine(e.registerTx(OWNER, N, salt, undefined, e.attest(N, OWNER.pub, { nonce })));
  assert.ok(e.number("15551234567"));
  const reattest = (nonceBytes: Uint8Array, consume: boolean) =>
    e.tx(
      OWNER,
      "reattest",
      ReattestPayload.serialize({
        number: utf8(N),
        attestation: e.attest(N, OWNER.pub, { nonce: nonceBytes }),
      }),
      consume,
    );
  e.refuse(reattest(nonce, false), "ENUM_ATTESTATION_REPLAYED");
  const until = e.number("15551234567")?.attestedUntil;
  await e.mine(reattest(sha256(utf8("twice")), true));
  assert.ok((e.number("15551234567")?.attestedUntil ?? 0) > (until ?? 0));
});

test("verifiers: bond held, self-resignation returns it, authority revocation burns it and lapses its numbers", async () => {
  const enumState = () => prefixedReader(e.c.chain.state, modulePrefix("enum"));
  const registerVerifier = (k: TestKey) =>
    e.tx(k, "verifier-register", VerifierRegisterPayload.serialize({ name: utf8(`verifier ${k.pub[0]}`) }));
  const revoke = (by: TestKey, v: Uint8Array, consume = true) =>
    e.tx(by, "verifier-revoke", VerifierRevokePayload.serialize({ verifier: v }), consume);
  const V1 = OTHER; // resigns
  const b1 = e.c.balance(V1.pub);
  await e.mine(registerVerifier(V1));
  assert.equal(e.c.balance(V1.pub), b1 - 1000n - BigInt(TEST_PARAMS.verifierBond));
  e.refuse(
    e.tx(V1, "verifier-register", VerifierRegisterPayload.serialize({ name: utf8("again") }), false),
    "ENUM_VERIFIER_EXISTS",
  );

  // a number attested by V1
  const nSalt = await e.commit(OWNER, N2);
  await e.mineEmpty(1);
  await e.mine(e.registerTx(OWNER, N2, nSalt, undefined, e.attest(N2, OWNER.pub, { seed: seedOf(V1) })));
  const zone = zoneSource(e.query());
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
    e.tx(
      OWNER,
      "reattest",
      ReattestPayload.serialize({
        number: utf8(N2),
        attestation: e.attest(N2, OWNER.pub, { seed: seedOf(V1) }),
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
