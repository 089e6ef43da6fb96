import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { concatBytes, toHex } from "../../src/bytes.js";
import { Chain } from "../../src/chain/chain.js";
import { TxSignatureVerifier } from "../../src/chain/signatures.js";
import { utf8 } from "../../src/crypto/hash.js";
import { SigCache } from "../../src/crypto/sig-cache.js";
import { VerifyPool } from "../../src/crypto/verify-pool.js";
import type { Module } from "../../src/module/interface.js";
import { ModuleRegistry, modulePrefix } from "../../src/module/registry.js";
import { lookupDevice } from "../../src/modules/devices/lookup.js";
import { numberView } from "../../src/modules/numbers/routes.js";
import { bucketOf, keyHash } from "../../src/state/commitment.js";
import { LmdbStore } from "../../src/storage/lmdb.js";
import { parseE164 } from "../../src/telephony/e164.js";
import { parseImei } from "../../src/telephony/imei.js";
import { bulkWriteGenesis } from "./registry-bulk.js";
import { imeiOf, numberOf, registryGenesis, registryModules } from "./registry-state.js";

/** A key of module "edge" whose commitment bucket is the last one (0xffff), found by search. */
function lastBucketKey(): Uint8Array {
  for (let i = 0; ; i++) {
    const key = utf8(`k${i}`);
    if (bucketOf(keyHash(concatBytes(modulePrefix("edge"), key))) === 0xffff) return key;
  }
}

/** Writes one entry into the last commitment bucket, an edge case of reading buckets back. */
const edgeModule: Module = {
  name: "edge",
  kinds: {},
  genesis: (ctx) => ctx.state.set(lastBucketKey(), utf8("edge")),
};

async function withChain<T>(bulk: boolean, fn: (chain: Chain) => T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "telchain-registry-bulk-"));
  const store = new LmdbStore(dir, { mapSize: 1024 ** 3 });
  const pool = new VerifyPool(1);
  try {
    const genesis = registryGenesis({ devices: 300, numbers: 200 });
    genesis.modules.edge = {};
    const modules = new ModuleRegistry([...registryModules().all(), edgeModule]);
    if (bulk) bulkWriteGenesis(store, genesis, modules);
    const chain = Chain.open({
      store,
      genesis,
      modules,
      signatures: new TxSignatureVerifier(genesis.chainId, pool, new SigCache()),
    });
    return fn(chain);
  } finally {
    await pool.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the bulk genesis path gives Chain.open's genesis hash and state (last bucket too), and Chain.open accepts it", async () => {
  const normal = await withChain(false, (c) => toHex(c.genesisHash()));
  await withChain(true, (chain) => {
    assert.equal(toHex(chain.genesisHash()), normal);
    assert.equal(chain.height(), 0);
    assert.deepEqual(
      new Uint8Array(chain.state.get(concatBytes(modulePrefix("edge"), lastBucketKey())) ?? []),
      utf8("edge"),
    );
    const view = (m: string) => ({
      get: (k: Uint8Array) => chain.state.get(concatBytes(modulePrefix(m), k)),
    });
    const device = lookupDevice(view("devices"), parseImei(imeiOf(299), "DEVICES_BAD_IMEI"));
    assert.equal(device.status, "clean");
    assert.equal(device.historyTotal, 1);
    assert.equal(
      lookupDevice(view("devices"), parseImei(imeiOf(300), "DEVICES_BAD_IMEI")).status,
      "unregistered",
    );
    assert.equal(
      lookupDevice(view("devices"), parseImei(imeiOf(5, false), "DEVICES_BAD_IMEI")).status,
      "unregistered",
    );
    const n = numberView(view("numbers"), parseE164(numberOf(199), "NUMBERS_BAD_NUMBER").digits, 0);
    assert.equal(n?.status, "active");
    assert.equal(n?.routingNumber, "1212555");
    assert.equal(n?.history.length, 1);
    assert.equal(
      numberView(view("numbers"), parseE164(numberOf(200), "NUMBERS_BAD_NUMBER").digits, 0),
      undefined,
    );
    assert.equal(
      numberView(view("numbers"), parseE164(numberOf(0, false), "NUMBERS_BAD_NUMBER").digits, 0),
      undefined,
    );
  });
});

test("registry keys: registered and unknown IMEIs and numbers are valid, and the two sets are apart", () => {
  const known = new Set<string>();
  for (const i of [0, 1, 999_999, 1_000_000, 9_999_999]) {
    for (const k of [imeiOf(i), imeiOf(i, false)]) assert.equal(parseImei(k, "DEVICES_BAD_IMEI"), k);
    for (const n of [numberOf(i), numberOf(i, false)])
      assert.equal(parseE164(n, "NUMBERS_BAD_NUMBER").text, n);
    known.add(imeiOf(i)).add(numberOf(i));
  }
  assert.equal(known.size, 10);
  assert.ok(!known.has(imeiOf(0, false)) && !known.has(numberOf(0, false)));
  assert.equal(numberOf(999_999), "+12122999999", "the first million keeps its numbers (cached datadirs)");
  assert.equal(numberOf(1_000_000), "+12132000000");
  assert.throws(() => numberOf(788_000_000), /at most 788,000,000/);
});
