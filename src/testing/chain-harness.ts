/**
 * Test harness: a real Chain on a real LMDB store in a temp directory, a test genesis
 * with trivially easy proof of work, funded test keys, and helpers to sign transfers and
 * mine blocks (in-process nonce grinding) on any parent.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { Chain } from "../chain/chain.js";
import type { GenesisConfig } from "../chain/genesis.js";
import { checkProofOfWork } from "../chain/pow.js";
import { TxSignatureVerifier } from "../chain/signatures.js";
import { headerHash, txHash, txSigningDigest } from "../codec/hashing.js";
import { type Block, Tx } from "../codec/schema.js";
import { publicKeyFromSeed, sign } from "../crypto/ed25519.js";
import { SigCache } from "../crypto/sig-cache.js";
import { VerifyPool } from "../crypto/verify-pool.js";
import type { Module } from "../module/interface.js";
import { ModuleRegistry } from "../module/registry.js";
import { allModules } from "../modules/index.js";
import { readAccount } from "../state/accounts.js";
import { LmdbStore } from "../storage/lmdb.js";

export const TEST_CHAIN_ID = "telchain-test";
export const T0 = 1_700_000_000;
export const SPACING = 10;

export interface TestKey {
  seed: Uint8Array;
  pub: Uint8Array;
  /** The account the key signs for when not its own (after a rotation): the sender of its transactions. */
  account?: Uint8Array;
}

/** `key` signing for `account` (its authorising key after a rotation or a recovery). */
export function signingFor(account: TestKey, key: TestKey): TestKey {
  return { seed: key.seed, pub: key.pub, account: account.account ?? account.pub };
}

export function testKey(i: number): TestKey {
  const seed = new Uint8Array(32).fill(i + 1);
  return { seed, pub: publicKeyFromSeed(seed) };
}

/** Test keys by seed number, for naming several at once: `const [alice, bob] = testKeys(0, 1)`. */
export function testKeys(...seeds: number[]): TestKey[] {
  return seeds.map(testKey);
}

/**
 * Closes `resource` after the test that makes it, or after the file's tests when made at the
 * file's top level (not in a hook: there it would close as soon as the hook ends); returns it.
 */
export function closeAfterwards<T extends { close(): Promise<void> | void }>(resource: T): T {
  after(() => resource.close());
  return resource;
}

export function testGenesis(over: Partial<GenesisConfig["params"]> = {}): GenesisConfig {
  return {
    chainId: TEST_CHAIN_ID,
    timestamp: T0,
    bits: 0x207fffff,
    params: {
      targetBlockTime: SPACING,
      halfLife: 3600,
      powLimitBits: 0x207fffff,
      initialReward: 5_000n,
      halvingInterval: 0,
      minFeePerByte: 1n,
      maxBlockBytes: 256 * 1024,
      maxBlockTxs: 1000,
      maxFutureDrift: 60,
      medianTimeSpan: 11,
      ...over,
    },
    alloc: [0, 1, 2].map((i) => ({ address: testKey(i).pub, balance: 1_000_000n })),
    modules: {},
  };
}

export function signedTx(
  key: TestKey,
  nonce: number,
  module: string,
  kind: string,
  payload: Uint8Array,
  opts: { fee?: bigint; chainId?: string; expiry?: number } = {},
): Tx {
  const body = {
    sender: key.account ?? key.pub,
    nonce,
    fee: opts.fee ?? 1_000n,
    expiry: opts.expiry ?? 0,
    module: new TextEncoder().encode(module),
    kind: new TextEncoder().encode(kind),
    payload,
  };
  return { body, signature: sign(key.seed, txSigningDigest(opts.chainId ?? TEST_CHAIN_ID, body)) };
}

/**
 * The payload of `module/kind` from its JSON form, through the module list (so the core's
 * tests need no import of a module): e.g. ("coin", "transfer", { to: "0x..", amount: "5" }).
 */
export function payloadFromJson(module: string, kind: string, json: unknown): Uint8Array {
  const k = new ModuleRegistry(allModules()).get(module)?.kinds[kind];
  if (!k) throw new Error(`no kind ${module}/${kind} in the module list`);
  return k.payload.serialize(k.payload.fromJson(json));
}

const hex0x = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;

export function transferTx(
  from: TestKey,
  nonce: number,
  to: Uint8Array,
  amount: bigint,
  opts: { fee?: bigint; chainId?: string } = {},
): Tx {
  const payload = payloadFromJson("coin", "transfer", { to: hex0x(to), amount: amount.toString() });
  return signedTx(from, nonce, "coin", "transfer", payload, opts);
}

export function candidate(tx: Tx) {
  const bytes = Tx.serialize(tx);
  return { tx, bytes, hash: txHash(tx), size: bytes.length };
}

/** Grinds the nonce until the header meets its own bits (fast at the test pow limit). */
export function mine(block: Block): Block {
  const header = { ...block.header };
  for (let n = 0n; ; n++) {
    header.nonce = n;
    if (checkProofOfWork(headerHash(header), header.bits)) return { header, txs: block.txs };
  }
}

/** A header nonce that does NOT meet the target. */
export function unmine(block: Block): Block {
  const header = { ...block.header };
  for (let n = 0n; ; n++) {
    header.nonce = n;
    if (!checkProofOfWork(headerHash(header), header.bits)) return { header, txs: block.txs };
  }
}

export class TestChain {
  clock = T0;
  readonly chain: Chain;
  private constructor(
    readonly dir: string,
    readonly store: LmdbStore,
    readonly pool: VerifyPool,
    genesis: GenesisConfig,
    modules: Module[],
  ) {
    this.chain = Chain.open({
      store,
      genesis,
      modules: new ModuleRegistry(modules),
      signatures: new TxSignatureVerifier(genesis.chainId, pool, new SigCache()),
      now: () => this.clock,
    });
  }

  /** A chain in `dir` (default: a new temp dir) running `modules` (default: the module list). */
  static create(genesis = testGenesis(), dir?: string, modules: Module[] = allModules()): TestChain {
    const d = dir ?? mkdtempSync(join(tmpdir(), "telchain-test-"));
    return new TestChain(d, new LmdbStore(d, { mapSize: 1024 ** 3 }), new VerifyPool(1), genesis, modules);
  }

  /** Mines a block with the given transactions on the current head, advancing the clock. */
  template(txs: Tx[] = [], miner = testKey(9).pub): Block {
    this.clock += SPACING;
    const t = this.chain.buildTemplate(miner, txs.map(candidate));
    if (t.rejected.length > 0) throw t.rejected[0].error;
    return mine(t.block);
  }

  async extend(txs: Tx[] = []): Promise<Block> {
    const b = this.template(txs);
    await this.chain.importBlock(b);
    return b;
  }

  balance(pub: Uint8Array): bigint {
    return readAccount(this.chain.state, pub).balance;
  }

  async close(remove = true): Promise<void> {
    await this.pool.close();
    await this.store.close();
    if (remove) rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Asserts that `tx` would be refused with `code` in the next block on `chain` (nothing is
 * mined: the block template drops it); returns the refusal's message.
 */
export function assertRefused(chain: Chain, tx: Tx, code: string): string {
  const t = chain.buildTemplate(testKey(9).pub, [candidate(tx)]);
  assert.equal(t.rejected.length, 1, `expected ${code}, but the transaction was accepted`);
  assert.equal(t.rejected[0].error.code, code, t.rejected[0].error.message);
  return t.rejected[0].error.message;
}
