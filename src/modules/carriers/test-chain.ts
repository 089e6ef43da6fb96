/**
 * Test support for the carriers and numbers modules (used by *.test.ts files only): a
 * TestChain with per-key nonce bookkeeping, module transactions, refusal checks through
 * buildTemplate, module state readers and the head QueryContext as the node builds it.
 */

import { toHex } from "../../bytes.js";
import type { GenesisConfig } from "../../chain/genesis.js";
import { headQueryContext } from "../../chain/query-context.js";
import type { Block, Tx } from "../../codec/schema.js";
import { utf8 } from "../../crypto/hash.js";
import type { QueryContext } from "../../module/interface.js";
import { modulePrefix } from "../../module/registry.js";
import { prefixedReader } from "../../state/overlay.js";
import type { StateReader } from "../../state/view.js";
import {
  assertRefused,
  signedTx,
  TestChain,
  type TestKey,
  testGenesis,
} from "../../testing/chain-harness.js";
import { CarrierDataPayload } from "./schemas.js";

export class ModuleTestChain {
  private readonly nonces = new Map<string, number>();
  constructor(readonly c: TestChain) {}

  static create(genesis: GenesisConfig = testGenesis()): ModuleTestChain {
    return new ModuleTestChain(TestChain.create(genesis));
  }

  close(): Promise<void> {
    return this.c.close();
  }

  get height(): number {
    return this.c.chain.height();
  }

  /** A signed tx with the sender's next nonce; `consume: false` for a tx that will be refused. */
  tx(key: TestKey, module: string, kind: string, payload: Uint8Array, consume = true): Tx {
    const id = toHex(key.pub);
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

  /** Asserts that `tx` is refused with `code` in the next block (nothing is mined). */
  refuse(tx: Tx, code: string): void {
    assertRefused(this.c.chain, tx, code);
  }

  /** A module's state at the head. */
  state(module: string): StateReader {
    return prefixedReader(this.c.chain.state, modulePrefix(module));
  }

  /** The head query context of a module, as the node builds it (src/node/service.ts). */
  query(module: string): QueryContext {
    return headQueryContext(this.c.chain, module);
  }

  /** A carriers/register (or update) transaction. */
  carrierTx(
    key: TestKey,
    kind: "register" | "update",
    d: { id: string; name?: string; routingPrefixes?: string[]; sipIngress?: string[] },
    consume = true,
  ): Tx {
    const payload = CarrierDataPayload.serialize({
      id: utf8(d.id),
      name: utf8(d.name ?? `Carrier ${d.id}`),
      routingPrefixes: (d.routingPrefixes ?? ["1555000"]).map(utf8),
      sipIngress: (d.sipIngress ?? []).map(utf8),
    });
    return this.tx(key, "carriers", kind, payload, consume);
  }
}
