/**
 * Fixtures of the ENUM tests (no tests here): the genesis section with a fixed-seed
 * verifier and short periods, and small builders over the one module test harness
 * (src/testing/module-chain.ts): attestations, commit → reveal.
 */
import { after } from "node:test";
import type { Tx } from "../../codec/schema.js";
import { encodeAddress } from "../../crypto/address.js";
import { publicKeyFromSeed } from "../../crypto/ed25519.js";
import { sha256, utf8 } from "../../crypto/hash.js";
import type { Module } from "../../module/interface.js";
import { type TestKey, testGenesis, testKey } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { sipNaptr } from "../../testing/naptr.js";
import { type AttestationClaim, commitHash, signAttestation } from "./attestation.js";
import { enumCalls } from "./kinds/index.js";
import type { Attestation, NaptrRecord, NumberEntry } from "./schemas.js";
import { readNumber } from "./store.js";

export const VERIFIER: TestKey = {
  seed: new Uint8Array(32).fill(0x77),
  pub: publicKeyFromSeed(new Uint8Array(32).fill(0x77)),
};
export const AUTHORITY = testKey(2);

/** Short periods so a test can walk a number through its whole life. */
export const TEST_PARAMS = {
  commitMinAge: 2,
  commitMaxAge: 5,
  registrationPeriod: 20,
  gracePeriod: 5,
  attestationGrace: 100,
  registrationFee: "1000",
  renewFee: "500",
  verifierBond: "10000",
};

export function enumTestGenesis(section: Record<string, unknown> = {}) {
  const g = testGenesis();
  g.modules = {
    enum: {
      authority: encodeAddress(AUTHORITY.pub),
      verifiers: [{ address: encodeAddress(VERIFIER.pub), name: "test verifier" }],
      params: TEST_PARAMS,
      ...section,
    },
  };
  return g;
}

/** The usual terminal rule: any number → sip:<user>@example.com. */
export const SIP: (user: string) => NaptrRecord = sipNaptr;

const open: ModuleTestChain[] = [];
after(async () => {
  for (const t of open) await t.close();
});

/** A chain with the enum test genesis (plus `section`), closed after the test file. */
export function enumChain(section: Record<string, unknown> = {}, modules?: Module[]): ModuleTestChain {
  const t = ModuleTestChain.create({ genesis: enumTestGenesis(section), modules });
  open.push(t);
  return t;
}

let counter = 0;
export const newSalt = () => sha256(utf8(`salt-${counter++}`));

/** An attestation by VERIFIER (or `over.seed`) valid around the chain's clock. */
export function attest(
  t: ModuleTestChain,
  number: string,
  owner: Uint8Array,
  over: Partial<AttestationClaim> & { seed?: Uint8Array } = {},
): Attestation {
  const { seed, ...claim } = over;
  return signAttestation(seed ?? VERIFIER.seed, t.c.chain.chainId, {
    number,
    owner,
    validFrom: t.c.clock - 100,
    validUntil: t.c.clock + 10_000,
    nonce: sha256(utf8(`nonce-${counter++}`)),
    ...claim,
  });
}

/** Mines a commit of (number, key, salt) and returns the salt. */
export async function commit(
  t: ModuleTestChain,
  key: TestKey,
  number: string,
  s = newSalt(),
): Promise<Uint8Array> {
  await t.mine(t.call(key, enumCalls.commit({ hash: commitHash(number, key.pub, s) })));
  return s;
}

export function registerTx(
  t: ModuleTestChain,
  key: TestKey,
  number: string,
  s: Uint8Array,
  records: NaptrRecord[] = [SIP("alice")],
  attestation = attest(t, number, key.pub),
  consume = true,
): Tx {
  return t.call(key, enumCalls.register({ number, salt: s, records, attestation }), consume);
}

/** commit, wait commitMinAge, register. */
export async function registerNumber(
  t: ModuleTestChain,
  key: TestKey,
  number: string,
  records = [SIP("alice")],
) {
  const s = await commit(t, key, number);
  await t.mineEmpty(1);
  await t.mine(registerTx(t, key, number, s, records));
}

export const numberOf = (t: ModuleTestChain, digits: string): NumberEntry | undefined =>
  readNumber(t.state("enum"), digits);
