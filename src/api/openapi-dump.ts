/**
 * Writes the OpenAPI document a dev node serves (GET /v1/openapi.json) to a file, for
 * `npm run lint:openapi` (which runs `redocly lint` on it). No stubs: a real dev chain in
 * a temporary directory, every module, the real NodeService and createApiServer; nothing
 * listens (the document is fetched with `inject`). Prints to stderr the module routes that
 * lack an operationId, summary, description or a path parameter's maxLength, which
 * their module should add.
 *
 *   node dist/src/api/openapi-dump.js OUT.json
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Chain } from "../chain/chain.js";
import { TxSignatureVerifier } from "../chain/signatures.js";
import { SigCache } from "../crypto/sig-cache.js";
import { VerifyPool } from "../crypto/verify-pool.js";
import { Mempool } from "../mempool/mempool.js";
import { ModuleRegistry } from "../module/registry.js";
import { allModules } from "../modules/index.js";
import { MEMPOOL_LIMITS, resolveGenesis } from "../node/node.js";
import { NodeService } from "../node/service.js";
import { LmdbStore } from "../storage/lmdb.js";
import { createApiServer } from "./server.js";

const out = process.argv[2];
if (!out) {
  process.stderr.write("usage: node dist/src/api/openapi-dump.js OUT.json\n");
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "telchain-openapi-"));
const store = new LmdbStore(join(dir, "chain"));
const pool = new VerifyPool(1);
try {
  const genesis = resolveGenesis({ dev: true });
  const chain = Chain.open({
    store,
    genesis,
    modules: new ModuleRegistry(allModules()),
    signatures: new TxSignatureVerifier(genesis.chainId, pool, new SigCache()),
  });
  const app = await createApiServer(new NodeService(chain, new Mempool(MEMPOOL_LIMITS)));
  try {
    const res = await app.inject({ method: "GET", url: "/v1/openapi.json" });
    if (res.statusCode !== 200)
      throw new Error(`GET /v1/openapi.json answered ${res.statusCode}: ${res.body}`);
    writeFileSync(out, `${JSON.stringify(res.json(), null, 2)}\n`);
    process.stderr.write(`wrote ${out}\n`);
  } finally {
    await app.close();
    await chain.idle();
  }
} finally {
  await pool.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
