/**
 * Test support for the devices module (used by *.test.ts files only): a real Chain on LMDB
 * whose module list swaps the carriers module for a FAKE one that only writes the contract
 * of expected-carriers.ts at genesis (k/<operator key> -> carrier id). That way the devices
 * tests depend on the contract, not on the carriers module's kinds. Also: per-key nonces,
 * refusal checks through buildTemplate, the head QueryContext and device views.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromHex, toHex } from "../../bytes.js";
import { Chain } from "../../chain/chain.js";
import type { GenesisConfig } from "../../chain/genesis.js";
import { headQueryContext } from "../../chain/query-context.js";
import { TxSignatureVerifier } from "../../chain/signatures.js";
import type { Block, Tx } from "../../codec/schema.js";
import { SigCache } from "../../crypto/sig-cache.js";
import { VerifyPool } from "../../crypto/verify-pool.js";
import type { Module, QueryContext } from "../../module/interface.js";
import { ModuleRegistry } from "../../module/registry.js";
import { LmdbStore } from "../../storage/lmdb.js";
import {
  assertRefused,
  candidate,
  mine,
  SPACING,
  signedTx,
  T0,
  type TestKey,
  testGenesis,
  testKey,
} from "../../testing/chain-harness.js";
import { allModules } from "../index.js";
import { CARRIERS_MODULE, operatorKey } from "./expected-carriers.js";
import { type DeviceView, lookupDevice } from "./lookup.js";
import { FlagPayload, ImeiPayload, REASONS, type Reason, TransferPayload } from "./schemas.js";

export const utf8 = (s: string) => new TextEncoder().encode(s);

/** Valid IMEIs (Luhn): the classic example and two more. */
export const IMEI_1 = "490154203237518";
export const IMEI_2 = "356938035643809";
export const IMEI_3 = "353918050001235";

/** A stand-in carriers module: genesis writes k/<key> -> id for { operators: { hexKey: id } }. */
export const fakeCarriersModule: Module = {
  name: CARRIERS_MODULE,
  kinds: {},
  genesis(ctx, config) {
    const operators = (config as { operators?: Record<string, string> } | undefined)?.operators ?? {};
    for (const [key, id] of Object.entries(operators)) ctx.state.set(operatorKey(fromHex(key)), utf8(id));
  },
};

/** The test genesis with the given keys as (funded) carrier operators (key -> carrier id). */
export function devicesGenesis(operators: [TestKey, string][] = []): GenesisConfig {
  const g = testGenesis();
  g.alloc.push(...operators.map(([k]) => ({ address: k.pub, balance: 1_000_000n })));
  g.modules = { carriers: { operators: Object.fromEntries(operators.map(([k, id]) => [toHex(k.pub), id])) } };
  return g;
}

function testModules(): Module[] {
  return [...allModules().filter((m) => m.name !== CARRIERS_MODULE), fakeCarriersModule];
}

export class DevicesTestChain {
  clock = T0;
  readonly chain: Chain;
  private readonly nonces = new Map<string, number>();

  private constructor(
    readonly dir: string,
    private readonly store: LmdbStore,
    private readonly pool: VerifyPool,
    genesis: GenesisConfig,
  ) {
    this.chain = Chain.open({
      store,
      genesis,
      modules: new ModuleRegistry(testModules()),
      signatures: new TxSignatureVerifier(genesis.chainId, pool, new SigCache()),
      now: () => this.clock,
    });
  }

  static create(genesis = devicesGenesis()): DevicesTestChain {
    const dir = mkdtempSync(join(tmpdir(), "telchain-devices-"));
    return new DevicesTestChain(dir, new LmdbStore(dir, { mapSize: 1024 ** 3 }), new VerifyPool(1), genesis);
  }

  async close(): Promise<void> {
    await this.pool.close();
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  get height(): number {
    return this.chain.height();
  }

  /** A signed devices tx with the sender's next nonce; `consume: false` for one that will be refused. */
  tx(key: TestKey, kind: string, payload: Uint8Array, consume = true): Tx {
    const id = toHex(key.pub);
    const nonce = this.nonces.get(id) ?? 0;
    if (consume) this.nonces.set(id, nonce + 1);
    return signedTx(key, nonce, "devices", kind, payload);
  }

  register(key: TestKey, imei: string, consume = true): Tx {
    return this.tx(key, "register", ImeiPayload.serialize({ imei: utf8(imei) }), consume);
  }
  transfer(key: TestKey, imei: string, to: TestKey, consume = true): Tx {
    return this.tx(key, "transfer", TransferPayload.serialize({ imei: utf8(imei), to: to.pub }), consume);
  }
  simple(key: TestKey, kind: "accept" | "cancel-transfer" | "recover", imei: string, consume = true): Tx {
    return this.tx(key, kind, ImeiPayload.serialize({ imei: utf8(imei) }), consume);
  }
  flagTx(
    key: TestKey,
    kind: "report-stolen" | "flag",
    imei: string,
    reason: Reason,
    evidence: Uint8Array = new Uint8Array(32),
    consume = true,
  ): Tx {
    const payload = FlagPayload.serialize({ imei: utf8(imei), reason: REASONS.indexOf(reason), evidence });
    return this.tx(key, kind, payload, consume);
  }

  /** Mines a block with `txs` on the head (every one must be accepted) and returns it. */
  async mine(...txs: Tx[]): Promise<Block> {
    this.clock += SPACING;
    const t = this.chain.buildTemplate(testKey(9).pub, txs.map(candidate));
    if (t.rejected.length > 0) throw t.rejected[0].error;
    const block = mine(t.block);
    await this.chain.importBlock(block);
    return block;
  }

  /** Asserts that `tx` is refused with `code` in the next block (nothing is mined). */
  refuse(tx: Tx, code: string): string {
    return assertRefused(this.chain, tx, code);
  }

  /** The head query context of the devices module, as the node builds it (src/node/service.ts). */
  query(): QueryContext {
    return headQueryContext(this.chain, "devices");
  }

  device(imei: string): DeviceView {
    return lookupDevice(this.query().state(), imei);
  }
}
