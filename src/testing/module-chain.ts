/**
 * Test support for modules (test-only; used by *.test.ts files): ONE harness for every
 * module. A real Chain on real LMDB with real (trivially easy) proof of work, per-key nonce
 * bookkeeping, module calls signed from the modules' own typed call builders, refusal checks
 * through the block template, module state and keepers at the head, and the head
 * QueryContext exactly as the node builds it.
 *
 *   const t = ModuleTestChain.create({ genesis: numbersTestGenesis() });
 *   await t.mine(t.call(alice, numbersCalls.claim({ number: "+15551230000", carrier: "AAA" })));
 *   t.refuse(t.call(bob, numbersCalls.release({ number: "+15551230000" }), false), "NUMBERS_NOT_HOLDER");
 */
import { toHex } from "../bytes.js";
import type { GenesisConfig } from "../chain/genesis.js";
import { headQueryContext } from "../chain/query-context.js";
import type { Block, Tx } from "../codec/schema.js";
import type { Module, QueryContext } from "../module/interface.js";
import type { ModuleCall } from "../module/kind.js";
import { modulePrefix } from "../module/registry.js";
import { prefixedReader } from "../state/overlay.js";
import type { StateReader } from "../state/view.js";
import { assertRefused, signedTx, TestChain, type TestKey, testGenesis } from "./chain-harness.js";

export interface ModuleTestChainOptions {
  genesis?: GenesisConfig;
  /** The modules the chain runs (default: the module list); e.g. with a stand-in keeper. */
  modules?: Module[];
}

type ImportResult = Awaited<ReturnType<TestChain["chain"]["importBlock"]>>;

export class ModuleTestChain {
  private readonly nonces = new Map<string, number>();
  constructor(readonly c: TestChain) {}

  static create(opts: ModuleTestChainOptions = {}): ModuleTestChain {
    return new ModuleTestChain(TestChain.create(opts.genesis ?? testGenesis(), undefined, opts.modules));
  }

  close(): Promise<void> {
    return this.c.close();
  }

  get height(): number {
    return this.c.chain.height();
  }

  /** A signed module call with the sender's next nonce; `consume: false` for one that will be refused. */
  call(key: TestKey, call: ModuleCall, consume = true): Tx {
    return this.tx(key, call.module, call.kind, call.payload, consume);
  }

  /** A signed tx from raw parts (e.g. a payload a builder would refuse to make). */
  tx(key: TestKey, module: string, kind: string, payload: Uint8Array, consume = true): Tx {
    const id = toHex(key.account ?? key.pub);
    const nonce = this.nonces.get(id) ?? 0;
    if (consume) this.nonces.set(id, nonce + 1);
    return signedTx(key, nonce, module, kind, payload);
  }

  /** Takes over another chain's nonce bookkeeping (for a fork built from its blocks). */
  copyNoncesFrom(other: ModuleTestChain): void {
    for (const [k, v] of other.nonces) this.nonces.set(k, v);
  }

  async mine(...txs: Tx[]): Promise<Block> {
    return this.c.extend(txs);
  }

  async mineEmpty(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await this.c.extend();
  }

  /** Imports blocks mined elsewhere (a fork, a branch), in order; the last import's result. */
  async importBlocks(blocks: Block[]): Promise<ImportResult | undefined> {
    let last: ImportResult | undefined;
    for (const block of blocks) last = await this.c.chain.importBlock(block);
    return last;
  }

  /**
   * Follows `other` (a chain from the same genesis) for a fork: imports its `blocks` with its
   * clock, and takes over its nonce bookkeeping.
   */
  async followFrom(other: ModuleTestChain, blocks: Block[]): Promise<void> {
    this.c.clock = other.c.clock;
    await this.importBlocks(blocks);
    this.copyNoncesFrom(other);
  }

  /** Asserts that `tx` is refused with `code` in the next block (nothing is mined); returns the message. */
  refuse(tx: Tx, code: string): string {
    return assertRefused(this.c.chain, tx, code);
  }

  balance(pub: Uint8Array): bigint {
    return this.c.balance(pub);
  }

  /** A module's state at the head (for the module's own tests of its layout). */
  state(module: string): StateReader {
    return prefixedReader(this.c.chain.state, modulePrefix(module));
  }

  /** A module's keeper at the head, as other modules receive it. */
  keeper<K>(module: string): K {
    return this.c.chain.modules.keeper<K>(module, this.c.chain.state);
  }

  /** The head query context of a module, as the node builds it. */
  query(module: string): QueryContext {
    return headQueryContext(this.c.chain, module);
  }
}
