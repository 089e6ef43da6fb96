/**
 * Figures `import` and `import-cached`: a fresh node (new LMDB store, fresh SigCache, VerifyPool
 * with one thread per core) imports the workload's blocks; only the importBlock calls are timed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Chain } from "../../src/chain/chain.js";
import { TxSignatureVerifier } from "../../src/chain/signatures.js";
import { validateBlockStateless } from "../../src/chain/validate-block.js";
import { decodeBlock, txSlicesOfBlock } from "../../src/codec/decode.js";
import { headerHash } from "../../src/codec/hashing.js";
import type { Block } from "../../src/codec/schema.js";
import { SigCache } from "../../src/crypto/sig-cache.js";
import { VerifyPool } from "../../src/crypto/verify-pool.js";
import { ModuleRegistry } from "../../src/module/registry.js";
import { allModules } from "../../src/modules/index.js";
import { LmdbStore } from "../../src/storage/lmdb.js";
import { progress, secondsSince } from "../progress.js";
import type { Workload } from "../workload.js";
import { signedItems } from "./verify-pool.js";

export interface ImportRun {
  txs: number;
  blocks: number;
  /** Seconds spent inside importBlock, summed over the blocks. */
  seconds: number;
  txPerSecond: number;
}

/**
 * Imports every block of `work` into a fresh chain; `cached` pre-fills its SigCache with every
 * transaction's (hash, sender key) entry, as the mempool leaves them.
 */
export async function runImport(work: Workload, label: string, cached: boolean): Promise<ImportRun> {
  const dir = mkdtempSync(join(tmpdir(), "telchain-bench-"));
  const store = new LmdbStore(dir, { mapSize: 4 * 1024 ** 3 });
  const pool = new VerifyPool(availableParallelism());
  try {
    const cache = new SigCache(Math.max(200_000, work.txCount));
    if (cached) for (const k of work.sigCacheKeys) cache.add(k);
    const chain = Chain.open({
      store,
      genesis: work.genesis,
      modules: new ModuleRegistry(allModules()),
      signatures: new TxSignatureVerifier(work.genesis.chainId, pool, cache),
    });
    await pool.verifyBatch(signedItems(64)); // a running node's workers are already up
    const blocks = work.blockBytes.map((b) => decodeBlock(b));
    let seconds = 0;
    for (let i = 0; i < blocks.length; i++) {
      const start = performance.now();
      const res = await chain.importBlock(blocks[i], work.blockBytes[i]);
      seconds += secondsSince(start);
      if (res.status !== "head") throw new Error(`${label}: block ${i + 1} imported as ${res.status}`);
      progress(
        `${label}: imported ${i + 1}/${blocks.length} blocks (${Math.round(((i + 1) * 100) / blocks.length)}%)`,
      );
    }
    return { txs: work.txCount, blocks: blocks.length, seconds, txPerSecond: work.txCount / seconds };
  } finally {
    await pool.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface StatelessCost {
  /** Seconds to decode every block from bytes (strict SSZ, re-encoded and compared). */
  decode: number;
  /** Seconds for the stateless block checks (tx serialisation, hashing, tx root, payload decode). */
  validate: number;
}

/** Times the parts of import that need no chain, so the breakdown can name them. */
export function measureStatelessCost(work: Workload): StatelessCost {
  const modules = new ModuleRegistry(allModules());
  let start = performance.now();
  const blocks: Block[] = work.blockBytes.map((b) => decodeBlock(b));
  const decode = secondsSince(start);
  start = performance.now();
  blocks.forEach((b, i) => {
    validateBlockStateless(
      b,
      headerHash(b.header),
      work.blockBytes[i].length,
      txSlicesOfBlock(work.blockBytes[i], b.txs.length),
      work.genesis.params,
      modules,
    );
  });
  return { decode, validate: secondsSince(start) };
}
