/**
 * Test support for the ENUM module (used by the *.test.ts files only): a TestChain with an
 * enum genesis section and a fixed-seed verifier, nonce bookkeeping, attestation and
 * commit → reveal helpers, a head QueryContext, and refusal checks through buildTemplate.
 */

import { toHex } from "../../bytes.js";
import { headQueryContext } from "../../chain/query-context.js";
import type { Tx } from "../../codec/schema.js";
import { encodeAddress } from "../../crypto/address.js";
import { publicKeyFromSeed } from "../../crypto/ed25519.js";
import { sha256, utf8 } from "../../crypto/hash.js";
import type { QueryContext } from "../../module/interface.js";
import { modulePrefix } from "../../module/registry.js";
import { prefixedReader } from "../../state/overlay.js";
import {
  assertRefused,
  signedTx,
  TestChain,
  type TestKey,
  testGenesis,
  testKey,
} from "../../testing/chain-harness.js";
import { type AttestationClaim, signAttestation } from "./attestation.js";
import { commitHash } from "./commit-hash.js";
import { recordsToSsz } from "./records.js";
import { type Attestation, CommitPayload, type NumberEntry, RegisterPayload } from "./schemas.js";
import { readNumber } from "./store.js";
import type { NaptrRecord } from "./types.js";

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

export const SIP = (user: string): NaptrRecord => ({
  order: 100,
  preference: 10,
  flags: "u",
  service: "E2U+sip",
  regexp: `!^.*$!sip:${user}@example.com!`,
  replacement: ".",
});

export class EnumTestChain {
  private readonly nonces = new Map<string, number>();
  private saltCounter = 0;
  private constructor(readonly c: TestChain) {}

  static create(section: Record<string, unknown> = {}): EnumTestChain {
    return new EnumTestChain(TestChain.create(enumTestGenesis(section)));
  }

  close(): Promise<void> {
    return this.c.close();
  }

  get height(): number {
    return this.c.chain.height();
  }

  /** A signed enum tx with the sender's next nonce; `consume: false` for a tx that will be refused. */
  tx(key: TestKey, kind: string, payload: Uint8Array, consume = true): Tx {
    const id = toHex(key.pub);
    const nonce = this.nonces.get(id) ?? 0;
    if (consume) this.nonces.set(id, nonce + 1);
    return signedTx(key, nonce, "enum", kind, payload);
  }

  async mine(...txs: Tx[]): Promise<void> {
    await this.c.extend(txs);
  }

  async mineEmpty(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await this.c.extend();
  }

  /** Asserts that `tx` is refused with `code` in the next block (nothing is mined). */
  refuse(tx: Tx, code: string): void {
    assertRefused(this.c.chain, tx, code);
  }

  attest(
    number: string,
    owner: Uint8Array,
    over: Partial<AttestationClaim> & { seed?: Uint8Array } = {},
  ): Attestation {
    const { seed, ...claim } = over;
    return signAttestation(seed ?? VERIFIER.seed, this.c.chain.chainId, {
      number,
      owner,
      validFrom: this.c.clock - 100,
      validUntil: this.c.clock + 10_000,
      nonce: sha256(utf8(`nonce-${this.saltCounter++}`)),
      ...claim,
    });
  }

  salt(): Uint8Array {
    return sha256(utf8(`salt-${this.saltCounter++}`));
  }

  /** Mines a commit of (number, key, salt) and returns the salt. */
  async commit(key: TestKey, number: string, salt = this.salt()): Promise<Uint8Array> {
    await this.mine(
      this.tx(key, "commit", CommitPayload.serialize({ hash: commitHash(number, key.pub, salt) })),
    );
    return salt;
  }

  registerTx(
    key: TestKey,
    number: string,
    salt: Uint8Array,
    records: NaptrRecord[] = [SIP("alice")],
    attestation = this.attest(number, key.pub),
    consume = true,
  ): Tx {
    return this.tx(
      key,
      "register",
      RegisterPayload.serialize({ number: utf8(number), salt, records: recordsToSsz(records), attestation }),
      consume,
    );
  }

  /** commit, wait commitMinAge, register. */
  async registerNumber(key: TestKey, number: string, records: NaptrRecord[] = [SIP("alice")]): Promise<void> {
    const salt = await this.commit(key, number);
    await this.mineEmpty(1);
    await this.mine(this.registerTx(key, number, salt, records));
  }

  number(digits: string): NumberEntry | undefined {
    return readNumber(prefixedReader(this.c.chain.state, modulePrefix("enum")), digits);
  }

  /** The head query context, as the node builds it (src/node/service.ts). */
  query(): QueryContext {
    return headQueryContext(this.c.chain, "enum");
  }
}
