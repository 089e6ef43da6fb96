/**
 * Figures `sync` and `sync-blocks`: how fast a fresh node catches up from a peer over the real
 * network layer (libp2p over TCP on loopback: identify, status, headers, then bodies), set
 * against importing the same blocks locally into a fresh chain in the same run.
 *
 * Both nodes run in this process, wired as `startNode` wires a real node (LmdbStore, Chain,
 * NodeService, chainAccess, Network). They share the process' cores: libp2p's streams and
 * noise encryption of both ends, the sink's VerifyPool workers, and the source's block serving
 * all compete, as the local import (which has the cores to itself) does not.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Chain } from "../../src/chain/chain.js";
import type { GenesisConfig } from "../../src/chain/genesis.js";
import { TxSignatureVerifier } from "../../src/chain/signatures.js";
import { decodeBlock } from "../../src/codec/decode.js";
import { SigCache } from "../../src/crypto/sig-cache.js";
import { VerifyPool } from "../../src/crypto/verify-pool.js";
import { Mempool } from "../../src/mempool/mempool.js";
import { ModuleRegistry } from "../../src/module/registry.js";
import { allModules } from "../../src/modules/index.js";
import { chainAccess } from "../../src/node/chain-access.js";
import { MEMPOOL_LIMITS } from "../../src/node/node.js";
import { NodeService } from "../../src/node/service.js";
import { Network } from "../../src/p2p/network.js";
import type { NetworkLog } from "../../src/p2p/types.js";
import { LmdbStore } from "../../src/storage/lmdb.js";
import { progress, secondsSince } from "../progress.js";
import { type Figure, figureAgainst, type Reference } from "../report.js";
import type { Workload } from "../workload.js";
import { type ImportRun, runImport } from "./import.js";
import { signedItems } from "./verify-pool.js";

export interface SyncRun {
  blocks: number;
  txs: number;
  /** From the sink's Network.start until its head reaches the source's height. */
  seconds: number;
  /** Part of `seconds` before the first block arrived (start, dial, identify, status, headers). */
  firstBlockSeconds: number;
  blocksPerSecond: number;
  txPerSecond: number;
}

/** Longest a sync may take before the figure fails (a stalled sync must not hang the bench). */
const SYNC_TIMEOUT_MS = 10 * 60_000;

/** Warnings reach stderr as progress (a banned or timed-out peer explains a slow figure); the rest is dropped. */
const benchLog: NetworkLog = {
  info: () => undefined,
  debug: () => undefined,
  warn: (obj, msg) => progress(`sync: network warning: ${msg} ${JSON.stringify(obj)}`),
};

/** A chain, its service and its network in one temp directory, wired as `startNode` does. */
class BenchNode {
  private constructor(
    readonly dir: string,
    private readonly store: LmdbStore,
    private readonly pool: VerifyPool,
    readonly service: NodeService,
    private network: Network | undefined,
  ) {}

  /** Opens the chain only; `join` starts its networking. `cachedTxHashes` (SigCache keys) pre-fill the SigCache. */
  static open(genesis: GenesisConfig, threads: number, cachedTxHashes: readonly string[] = []): BenchNode {
    const dir = mkdtempSync(join(tmpdir(), "telchain-bench-sync-"));
    const store = new LmdbStore(join(dir, "chain"), { mapSize: 4 * 1024 ** 3 });
    const pool = new VerifyPool(threads);
    const cache = new SigCache(Math.max(200_000, cachedTxHashes.length));
    for (const h of cachedTxHashes) cache.add(h);
    try {
      const chain = Chain.open({
        store,
        genesis,
        modules: new ModuleRegistry(allModules()),
        signatures: new TxSignatureVerifier(genesis.chainId, pool, cache),
      });
      return new BenchNode(dir, store, pool, new NodeService(chain, new Mempool(MEMPOOL_LIMITS)), undefined);
    } catch (e) {
      void pool.close();
      void store.close();
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }

  async warmPool(): Promise<void> {
    await this.pool.verifyBatch(signedItems(64));
  }

  async join(bootstrap: string[]): Promise<Network> {
    this.network = await Network.start(chainAccess(this.service), {
      listen: "127.0.0.1:0",
      bootstrap,
      dir: join(this.dir, "p2p"),
      log: benchLog,
      maxBlockBytes: this.service.chain.params.maxBlockBytes + 1024,
    });
    return this.network;
  }

  height(): number {
    return this.service.chain.height();
  }

  async close(): Promise<void> {
    try {
      await this.network?.stop();
      await this.service.chain.idle();
    } finally {
      await this.pool.close();
      await this.store.close();
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** Resolves when `node`'s head reaches `height`, with the seconds since `start` of its first and last head change. */
function headReaches(
  node: BenchNode,
  height: number,
  start: number,
): { done: Promise<{ first: number; last: number }>; cancel: () => void } {
  let first: number | undefined;
  let onHead: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<{ first: number; last: number }>((resolve, reject) => {
    onHead = () => {
      first ??= secondsSince(start);
      if (node.height() >= height) resolve({ first, last: secondsSince(start) });
    };
    timer = setTimeout(
      () =>
        reject(new Error(`sync: sink at height ${node.height()} of ${height} after ${SYNC_TIMEOUT_MS} ms`)),
      SYNC_TIMEOUT_MS,
    );
  });
  node.service.on("head", onHead);
  return {
    done,
    cancel: () => {
      clearTimeout(timer);
      node.service.off("head", onHead);
    },
  };
}

/** A node holding `work`'s blocks, ready to serve them. Its import is setup, with every signature cached. */
async function loadSource(work: Workload): Promise<BenchNode> {
  const source = BenchNode.open(work.genesis, 1, work.sigCacheKeys);
  try {
    progress(`sync: loading ${work.blockBytes.length} blocks into the source node (not timed)`);
    for (const [i, bytes] of work.blockBytes.entries()) {
      const res = await source.service.importBlock(decodeBlock(bytes), bytes, "sync");
      if (res.status !== "head") throw new Error(`sync: source imported block ${i + 1} as ${res.status}`);
    }
    return source;
  } catch (e) {
    await source.close();
    throw e;
  }
}

/** The source serves its blocks to a fresh sink node over the network; times the sink's catch-up. */
async function syncFrom(source: BenchNode, work: Workload): Promise<SyncRun> {
  const target = source.height();
  const sourceNet = await source.join([]);
  const sink = BenchNode.open(work.genesis, availableParallelism());
  try {
    await sink.warmPool(); // as for the import figure: a running node's workers are already up
    progress(`sync: fresh sink node catching up to height ${target} from the source over loopback`);
    const start = performance.now();
    const reached = headReaches(sink, target, start);
    try {
      await sink.join(sourceNet.listenAddrs());
      const { first, last } = await reached.done;
      progress(`sync: caught up in ${last.toFixed(2)} s (first block after ${first.toFixed(2)} s)`);
      return {
        blocks: target,
        txs: work.txCount,
        seconds: last,
        firstBlockSeconds: first,
        blocksPerSecond: target / last,
        txPerSecond: work.txCount / last,
      };
    } finally {
      reached.cancel();
    }
  } finally {
    await sink.close();
  }
}

/** Syncs `work`'s blocks from a source node to a fresh sink node, then imports them locally. */
export async function runSync(work: Workload): Promise<{ synced: SyncRun; local: ImportRun }> {
  // Loading the source first also runs the import code once before either timed run, so
  // neither pays for JIT warm-up alone.
  const source = await loadSource(work);
  try {
    const local = await runImport(work, "sync: local import", false);
    return { synced: await syncFrom(source, work), local };
  } finally {
    await source.close();
  }
}

/** `sync` (tx/s) and `sync-blocks` (blocks/s), each against the local import of the same blocks. */
export async function syncFigures(work: Workload, shape: string): Promise<Figure[]> {
  const { synced, local } = await runSync(work);
  const localNotes = `same blocks imported directly into a fresh chain, ${availableParallelism()} verify threads`;
  const localTx: Reference = {
    name: "local import",
    value: local.txPerSecond,
    unit: "tx/s",
    notes: localNotes,
  };
  const localBlocks: Reference = {
    name: "local import",
    value: local.blocks / local.seconds,
    unit: "blocks/s",
    notes: localNotes,
  };
  const notes =
    `${shape}, source and sink in one process over libp2p on loopback, ` +
    `${synced.seconds.toFixed(2)} s from start, first block after ${synced.firstBlockSeconds.toFixed(2)} s`;
  return [
    figureAgainst("sync", synced.txPerSecond, "tx/s", localTx, notes),
    figureAgainst("sync-blocks", synced.blocksPerSecond, "blocks/s", localBlocks, notes),
  ];
}
