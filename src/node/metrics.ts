/**
 * The node's Prometheus metrics (GET /metrics), one registry per node (never prom-client's
 * global one, so several nodes in one process keep their own series). Gauges read the node
 * when scraped; counters and histograms are fed by the events the node reports: block
 * imports, head changes, API responses, and the counters modules declare (Module.metrics).
 * The series are listed in docs/operating.md ("Monitoring").
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, type LabelValues, Registry } from "prom-client";
import type { ImportResult } from "../chain/chain.js";
import type { Module, ModuleCounters } from "../module/interface.js";
import { VERSION } from "../version.js";
import type { NodeApi } from "./types.js";

export const METRICS_PREFIX = "telchain_";
/** Lowercase snake_case: module names, counter names and label names a module declares. */
const SNAKE = /^[a-z][a-z0-9_]*$/;
const decoder = new TextDecoder();

/**
 * What the gauges read at scrape time: the node's API view (a subset of NodeApi), and the
 * head's timestamp when the source has it cheaply (else read from the head block's view).
 */
export type MetricsSource = Pick<NodeApi, "status" | "block" | "modules"> & { headTimestamp?(): number };

export class NodeMetrics {
  readonly registry = new Registry();
  private readonly importSeconds: Histogram<"result">;
  private readonly blockTxs: Histogram;
  private readonly reorgs: Counter;
  private readonly reorgedBlocks: Counter;
  private readonly txsIncluded: Counter<"module" | "kind">;
  private readonly apiRequests: Counter<"method" | "route" | "status">;
  private readonly apiErrors: Counter<"route" | "code">;
  private readonly moduleCounters = new Map<string, ModuleCounters>();

  private readonly now: () => number;

  /**
   * `processMetrics` (default true): also the Node.js process's metrics (CPU, memory, heap,
   * event loop lag, GC). They stay on for the life of the process (prom-client offers no way
   * to stop its event loop monitor), so a short-lived server in a test can leave them out.
   */
  constructor(source: MetricsSource, opts: { now?: () => number; processMetrics?: boolean } = {}) {
    this.now = opts.now ?? (() => Date.now() / 1000);
    const registers = [this.registry];
    if (opts.processMetrics ?? true) {
      // The event loop is sampled every 100 ms (prom-client's default, 10 ms, wakes an idle node 100 times a second).
      collectDefaultMetrics({
        register: this.registry,
        prefix: METRICS_PREFIX,
        eventLoopMonitoringPrecision: 100,
      });
      // prom-client names these gauges *_total, which Prometheus reserves for counters
      // (promtool refuses them); the same counts remain by type in *_active_handles etc.
      for (const kind of ["handles", "requests", "resources"])
        this.registry.removeSingleMetric(`${METRICS_PREFIX}nodejs_active_${kind}_total`);
    }
    // Read once per scrape: every gauge below looks at the same status.
    let scraped: { at: number; status: ReturnType<MetricsSource["status"]> } | undefined;
    const status = () => {
      const t = performance.now();
      if (!scraped || t - scraped.at > 100) scraped = { at: t, status: source.status() };
      return scraped.status;
    };
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name: METRICS_PREFIX + name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });

    new Gauge({
      name: `${METRICS_PREFIX}build_info`,
      help: "Always 1; the label says the node's version",
      labelNames: ["version"],
      registers,
    }).set({ version: VERSION }, 1);
    gauge("chain_height", "Height of the head block of the main chain", () => status().height);
    gauge("chain_head_age_seconds", "Seconds since the timestamp of the head block", () => {
      const timestamp = source.headTimestamp?.() ?? source.block(String(status().height))?.timestamp;
      return timestamp === undefined ? 0 : Math.max(0, this.now() - timestamp);
    });
    gauge("p2p_peers", "Connected peers", () => status().peers);
    gauge("mempool_transactions", "Transactions in the mempool", () => status().mempool.size);
    gauge(
      "mempool_bytes",
      "Encoded size of the transactions in the mempool, in bytes",
      () => status().mempool.bytes,
    );
    gauge("sync_syncing", "1 while the node is syncing from peers, else 0", () => (status().syncing ? 1 : 0));
    gauge(
      "sync_target_height",
      "Height the node syncs towards (equals the height when not syncing)",
      () => status().targetHeight,
    );
    gauge(
      "miner_hashes_per_second",
      "Hash rate of the local miner (0 when not mining)",
      () => status().hashRate,
    );

    this.importSeconds = new Histogram({
      name: `${METRICS_PREFIX}block_import_seconds`,
      help: "Time to validate and import a new block (result: head or side branch)",
      labelNames: ["result"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.blockTxs = new Histogram({
      name: `${METRICS_PREFIX}block_transactions`,
      help: "Transactions per block connected to the main chain",
      buckets: [0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    });
    this.reorgs = this.counter(
      "chain_reorgs_total",
      "Reorganisations of the main chain (head changes that disconnected blocks)",
    );
    this.reorgedBlocks = this.counter(
      "chain_reorged_blocks_total",
      "Blocks removed from the main chain by reorganisations",
    );
    this.txsIncluded = this.counter(
      "txs_included_total",
      "Transactions in blocks connected to the main chain, by module and kind (a reorg counts the new branch's again)",
      ["module", "kind"],
    );
    this.apiRequests = this.counter(
      "api_requests_total",
      "HTTP API requests answered, by method, route pattern and status",
      ["method", "route", "status"],
    );
    this.apiErrors = this.counter(
      "api_errors_total",
      "HTTP API error answers (4xx and 5xx), by route pattern and error code",
      ["route", "code"],
    );

    for (const m of source.modules()) {
      if (m.metrics?.length) this.moduleCounters.set(m.name, this.declareModuleCounters(m));
    }
  }

  /** A counter `telchain_<name>` (with `labelNames`) in this node's registry. */
  private counter<L extends string = string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
  ): Counter<L> {
    return new Counter({ name: METRICS_PREFIX + name, help, labelNames, registers: [this.registry] });
  }

  /** The counters a module declared, created once; increments of undeclared ones throw. */
  private declareModuleCounters(m: Module): ModuleCounters {
    const counters = new Map<string, Counter>();
    for (const spec of m.metrics ?? []) {
      for (const word of [m.name, spec.name, ...(spec.labels ?? [])]) {
        if (!SNAKE.test(word))
          throw new Error(`module ${m.name} metric ${spec.name}: "${word}" is not snake_case`);
      }
      if (spec.name.endsWith("_total"))
        throw new Error(`module ${m.name} metric ${spec.name}: the node adds the _total suffix`);
      counters.set(spec.name, this.counter(`${m.name}_${spec.name}_total`, spec.help, spec.labels));
    }
    return {
      inc(name, labels = {}, by = 1) {
        const counter = counters.get(name);
        if (!counter) throw new Error(`module ${m.name} has no declared metric ${name}`);
        counter.inc(labels as LabelValues<string>, by);
      },
    };
  }

  /** The counters of one module (a no-op set when it declared none: any increment throws). */
  moduleMetrics(module: string): ModuleCounters {
    return (
      this.moduleCounters.get(module) ?? {
        inc(name) {
          throw new Error(`module ${module} has no declared metric ${name}`);
        },
      }
    );
  }

  /** A block was imported (not already known), in `seconds`. */
  blockImported(result: "head" | "side", seconds: number): void {
    this.importSeconds.observe({ result }, seconds);
  }

  /** The head changed: count the connected blocks' transactions and any reorganisation. */
  headChanged(res: Pick<ImportResult, "connected" | "disconnected">): void {
    if (res.disconnected.length > 0) {
      this.reorgs.inc();
      this.reorgedBlocks.inc(res.disconnected.length);
    }
    for (const block of res.connected) {
      this.blockTxs.observe(block.txs.length);
      for (const tx of block.txs) {
        this.txsIncluded.inc({ module: decoder.decode(tx.body.module), kind: decoder.decode(tx.body.kind) });
      }
    }
  }

  /** An API answer: `route` is the route's pattern (e.g. /v1/blocks/:id), never the raw URL. */
  apiAnswered(method: string, route: string, status: number, errorCode?: string): void {
    this.apiRequests.inc({ method, route, status: String(status) });
    if (status >= 400) this.apiErrors.inc({ route, code: errorCode ?? "unknown" });
  }

  /** The exposition (text format 0.0.4) and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
