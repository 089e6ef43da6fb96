/**
 * The serving process of the registry figure (run as its own process, so its RSS is the
 * server's alone): opens the chain in DATADIR with the registry genesis of DEVICES devices and
 * NUMBERS numbers (writing the genesis state with the bulk path of registry-bulk.ts when the datadir is empty), then serves the real
 * HTTP API on 127.0.0.1 and prints one JSON line {"port", "openSeconds", "built"} on stdout. With
 * --build-only it prints {"openSeconds", "built"} and exits once the state is written.
 *
 *   node dist/bench/figures/registry-server.js DATADIR DEVICES NUMBERS [--build-only]
 */

import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createApiServer } from "../../src/api/server.js";
import { Chain } from "../../src/chain/chain.js";
import { ChainStore } from "../../src/chain/chain-store.js";
import { TxSignatureVerifier } from "../../src/chain/signatures.js";
import { SigCache } from "../../src/crypto/sig-cache.js";
import { VerifyPool } from "../../src/crypto/verify-pool.js";
import { Mempool } from "../../src/mempool/mempool.js";
import { MEMPOOL_LIMITS } from "../../src/node/node.js";
import { NodeService } from "../../src/node/service.js";
import { LmdbStore } from "../../src/storage/lmdb.js";
import { bulkWriteGenesis } from "./registry-bulk.js";
import { registryGenesis, registryModules, reportRegistryProgress } from "./registry-state.js";

const [datadir, devices, numbers, flag] = process.argv.slice(2);
const genesis = registryGenesis({ devices: Number(devices), numbers: Number(numbers) });
const store = new LmdbStore(join(datadir, "chain"));
const pool = new VerifyPool(1);
const start = performance.now();
// An empty datadir is filled by the bulk path; Chain.open then trusts (and checks) that genesis.
const built = new ChainStore(store).genesis() === undefined;
if (built) {
  const records = Number(devices) + Number(numbers);
  reportRegistryProgress((written) => {
    const s = (performance.now() - start) / 1000;
    process.stderr.write(
      `[bench] registry: ${written.toLocaleString("en-US")} / ${records.toLocaleString("en-US")} records written, ` +
        `${Math.round(written / s).toLocaleString("en-US")} records/s\n`,
    );
  });
  bulkWriteGenesis(store, genesis, registryModules(), (msg) =>
    process.stderr.write(`[bench] registry: ${msg} (${((performance.now() - start) / 1000).toFixed(0)} s)\n`),
  );
}
const chain = Chain.open({
  store,
  genesis,
  modules: registryModules(),
  signatures: new TxSignatureVerifier(genesis.chainId, pool, new SigCache()),
});
const openSeconds = (performance.now() - start) / 1000;

if (flag === "--build-only") {
  await chain.idle();
  await pool.close();
  await store.close();
  process.stdout.write(`${JSON.stringify({ openSeconds, built })}\n`);
} else {
  const service = new NodeService(chain, new Mempool(MEMPOOL_LIMITS));
  // One client sends thousands of requests back to back: lift the per-client rate limit.
  const app = await createApiServer(service, { rateLimit: { max: 1_000_000_000, timeWindow: "1 minute" } });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  process.stdout.write(`${JSON.stringify({ port, openSeconds, built })}\n`);
  const stop = async () => {
    await app.close();
    await chain.idle();
    await pool.close();
    await store.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
}
