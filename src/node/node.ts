/**
 * Wiring: builds a running node from its options — store, chain, mempool, signature
 * pool, HTTP API and miner — and stops it cleanly.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import "../p2p/polyfill.js";
import { createApiServer, DEFAULT_RATE_LIMIT } from "../api/server.js";
import { toHex } from "../bytes.js";
import { Chain, type ImportResult } from "../chain/chain.js";
import { type GenesisConfig, readGenesisFile } from "../chain/genesis.js";
import { TxSignatureVerifier } from "../chain/signatures.js";
import { decodeAddress } from "../crypto/address.js";
import { devAccount } from "../crypto/mnemonic.js";
import { SigCache } from "../crypto/sig-cache.js";
import { VerifyPool } from "../crypto/verify-pool.js";
import { TelchainError } from "../errors.js";
import { Mempool } from "../mempool/mempool.js";
import { Miner } from "../miner/miner.js";
import { ModuleRegistry } from "../module/registry.js";
import { allModules } from "../modules/index.js";
import { Network } from "../p2p/network.js";
import { LmdbStore } from "../storage/lmdb.js";
import { chainAccess } from "./chain-access.js";
import { lockDatadir } from "./datadir-lock.js";
import { devGenesis } from "./dev-genesis.js";
import { formatHostPort, listenFailure, moduleStartFailure } from "./listen-errors.js";
import { createLogger } from "./logger.js";
import { NodeMetrics } from "./metrics.js";
import { NodeService } from "./service.js";
import type { NodeOptions, RunningNode } from "./types.js";

/** The built web explorer (dist/explorer, next to dist/src/), served at `/` by the API. */
const EXPLORER_DIR = fileURLToPath(new URL("../../explorer/", import.meta.url));

/** Bounds of the mempool: what peers and clients can make a node hold. */
export const MEMPOOL_LIMITS = {
  maxTxs: 50_000,
  maxBytes: 64 * 1024 * 1024,
  maxPerSender: 1_000,
  replaceBumpPercent: 10,
};

export function resolveGenesis(opts: Pick<NodeOptions, "dev" | "genesisFile">): GenesisConfig {
  if (opts.genesisFile) return readGenesisFile(opts.genesisFile);
  if (opts.dev) return devGenesis();
  throw new TelchainError(
    "GENESIS_MISSING",
    "no network given: use --dev for a development chain or --genesis FILE",
  );
}

/** Dev: block rewards go to dev9 unless --coinbase says otherwise. */
function coinbaseAddress(opts: NodeOptions): Uint8Array {
  if (opts.coinbase) return decodeAddress(opts.coinbase);
  if (opts.dev) return devAccount(9).publicKey;
  throw new TelchainError("COINBASE_MISSING", "mining needs --coinbase ADDRESS to receive block rewards");
}

export async function startNode(opts: NodeOptions): Promise<RunningNode> {
  const log = createLogger(opts.logLevel ?? "info", opts.logFormat ?? "human", opts.logFile);
  const genesis = resolveGenesis(opts);
  const coinbase = opts.mine ? coinbaseAddress(opts) : undefined;
  const unlock = lockDatadir(opts.datadir);
  const store = new LmdbStore(join(opts.datadir, "chain"));
  const verifyPool = new VerifyPool();
  let chain: Chain;
  try {
    chain = Chain.open({
      store,
      genesis,
      modules: new ModuleRegistry(allModules()),
      signatures: new TxSignatureVerifier(genesis.chainId, verifyPool, new SigCache()),
      // A datadir made before the address index: indexed once, here.
      onIndexProgress: (done, total) => log.info({}, `indexing address history: ${done}/${total} blocks`),
    });
  } catch (e) {
    await verifyPool.close();
    await store.close();
    unlock();
    throw e;
  }
  const service = new NodeService(chain, new Mempool(MEMPOOL_LIMITS));
  log.info({ chainId: chain.chainId, height: chain.height(), datadir: opts.datadir }, "chain opened");

  // What has started so far, stopped in reverse order if a later part fails to start.
  const started: (() => Promise<void> | void)[] = [unlock, () => store.close(), () => verifyPool.close()];
  const fail = async (code: string, message: string): Promise<never> => {
    for (const stop of started.reverse()) await stop();
    throw new TelchainError(code, message);
  };
  const apiListen = formatHostPort(opts.api.host, opts.api.port);

  const metrics = new NodeMetrics(service);
  service.on("block", (b) => {
    if (b.status !== "known") metrics.blockImported(b.status, b.seconds);
  });
  service.on("head", (res) => metrics.headChanged(res));
  const app = await createApiServer(service, {
    logger: false,
    rateLimit: {
      max: opts.apiRateLimit ?? DEFAULT_RATE_LIMIT.max,
      timeWindow: "1 minute",
      loopback: opts.apiRateLimitLoopback === true,
    },
    metrics,
    healthMaxLag: opts.healthMaxLag,
    site: EXPLORER_DIR,
  });
  try {
    await app.listen({ host: opts.api.host, port: opts.api.port });
  } catch (e) {
    await fail("API_LISTEN_FAILED", `the API ${listenFailure(e, apiListen, "--api HOST:PORT")}`);
  }
  started.push(() => app.close());
  const apiUrl = `http://${opts.api.host.includes(":") ? `[${opts.api.host}]` : opts.api.host}:${opts.api.port}`;

  service.on("head", (res) => {
    // When each block became the head here, to the millisecond (the bench's propagation figure
    // times blocks across a devnet from these lines).
    if (log.isLevelEnabled("debug")) log.debug({ height: chain.height(), hash: toHex(res.hash) }, "new head");
    if (res.disconnected.length > 0) {
      log.warn(
        { disconnected: res.disconnected.length, connected: res.connected.length },
        "reorganised the chain",
      );
    }
  });

  let network: Network | undefined;
  const p2pListen = opts.p2p ?? (opts.dev ? `${opts.api.host}:${opts.api.port + 1}` : undefined);
  if (p2pListen) {
    try {
      network = await Network.start(chainAccess(service), {
        listen: p2pListen,
        bootstrap: opts.peers ?? [],
        dir: join(opts.datadir, "p2p"),
        log,
        maxBlockBytes: chain.params.maxBlockBytes + 1024,
        connectionLimits: { limitLoopback: opts.p2pLimitLoopback === true },
      });
    } catch (e) {
      const derived = opts.p2p === undefined ? " (with --dev it defaults to the API port + 1)" : "";
      await fail(
        "P2P_START_FAILED",
        `networking ${listenFailure(e, p2pListen, "--p2p HOST:PORT")}${derived}`,
      );
    }
    const net = network as Network;
    started.push(() => net.stop());
    service.network = net;
    log.info({ peerId: net.peerId(), listen: net.listenAddrs() }, "p2p listening");
  }

  // Module services (e.g. the ENUM DNS server); a module that cannot start stops the node.
  const services: { name: string; stop(): Promise<void> }[] = [];
  for (const m of chain.modules.all()) {
    if (!m.start) continue;
    const options: Record<string, string | undefined> = {};
    for (const f of m.nodeFlags ?? [])
      options[f.name] =
        opts.moduleOptions?.[f.name] ?? (opts.dev && f.devDefault ? f.devDefault(opts.api) : undefined);
    try {
      const svc = await m.start({
        query: service.queryContext(m.name),
        options,
        dev: opts.dev,
        log: log.child({ module: m.name }),
        onHead: (listener) =>
          service.on("head", (res: ImportResult) =>
            listener(chain.height(), { connected: res.connected, disconnected: res.disconnected }),
          ),
        metrics: metrics.moduleMetrics(m.name),
      });
      if (svc) {
        services.push({ name: m.name, stop: () => svc.stop() });
        started.push(() => svc.stop());
      }
    } catch (e) {
      const code = e instanceof TelchainError ? e.code : "MODULE_START_FAILED";
      await fail(
        code,
        `module ${m.name} cannot start: ${moduleStartFailure(e, m.nodeFlags ?? [], options, opts)}`,
      );
    }
  }

  let miner: Miner | undefined;
  if (coinbase) {
    miner = new Miner(service, coinbase, log, {
      threads: opts.minerThreads ?? 1,
      paceSeconds: opts.pace ? service.chain.params.targetBlockTime : undefined,
    });
    miner.start();
  }

  let stopped = false;
  return {
    chainId: chain.chainId,
    datadir: opts.datadir,
    apiUrl,
    peerId: network?.peerId() ?? null,
    listen: network?.listenAddrs() ?? [],
    height: () => chain.height(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await miner?.stop();
      for (const svc of services) await svc.stop();
      await network?.stop();
      // Idle keep-alive connections are closed with the server; one a client keeps busy gets
      // 3 s before it is cut, so a stop never waits on a client.
      const forceClose = setTimeout(() => app.server.closeAllConnections(), 3_000);
      await app.close();
      clearTimeout(forceClose);
      // Let an import in flight finish before the store closes.
      await chain.idle();
      await verifyPool.close();
      await store.close();
      unlock();
      log.info({}, "node stopped");
    },
  };
}
