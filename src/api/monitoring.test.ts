/**
 * GET /v1/health and GET /metrics through HTTP requests on a server over a stub node: when
 * the node counts as ready, what the 503 says, the exposition format, API answers counted
 * by route pattern and error code, and the counters modules declare.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { FastifyInstance } from "fastify";
import type { Block } from "../codec/schema.js";
import type { Module, QueryContext } from "../module/interface.js";
import { NodeMetrics } from "../node/metrics.js";
import type { NodeApi, NodeStatus } from "../node/types.js";
import type { PeerView } from "../p2p/types.js";
import { nodeStatus } from "../testing/node-status.js";
import { unusedLightClientQueries } from "../testing/node-stub.js";
import { parseExposition, sampleValue } from "../testing/prometheus.js";
import { METRICS_CONTENT_TYPE } from "./routes/monitoring.js";
import { createApiServer } from "./server.js";

const H = (c: string) => c.repeat(64);
/** Without the process metrics, whose event loop monitor would outlive the test. */
const quiet = { processMetrics: false };

function status(over: Partial<NodeStatus> = {}): NodeStatus {
  return nodeStatus({
    chainId: "telchain-test",
    height: 100,
    bits: "0x1f00ffff",
    nextBits: "0x1f00ffff",
    targetHeight: 100,
    mempool: { size: 3, bytes: 450 },
    ...over,
  });
}

const peer = (height: number | null): PeerView => ({
  peerId: `12D3KooW${height}`,
  address: "/ip4/127.0.0.1/tcp/9000",
  score: 0,
  height,
  direction: "outbound",
});

/** A node whose status and peers the test sets; every other query is unused here. */
function stubNode(opts: { status?: () => NodeStatus; peers?: PeerView[]; modules?: Module[] } = {}): NodeApi {
  return {
    status: opts.status ?? (() => status()),
    peers: () => opts.peers ?? [],
    block: (id) => (id === "100" ? ({ timestamp: 1_000 } as ReturnType<NodeApi["block"]>) : undefined),
    tx: () => undefined,
    submitTx: async () => ({ hash: H("f") }),
    submitBlock: async () => ({ hash: H("b"), status: "head" }),
    account: () => {
      throw new Error("unused");
    },
    accountProof: () => {
      throw new Error("unused");
    },
    ...unusedLightClientQueries,
    accountTxs: () => ({ items: [], next: null }),
    mempool: () => ({ size: 0, bytes: 0, txs: [] }),
    modules: () => opts.modules ?? [],
    queryContext: () => ({}) as QueryContext,
  };
}

async function withServer(
  node: NodeApi,
  fn: (app: FastifyInstance) => Promise<void>,
  opts: { healthMaxLag?: number; metrics?: NodeMetrics } = {},
): Promise<void> {
  const app = await createApiServer(node, opts);
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

async function scrape(app: FastifyInstance) {
  const res = await app.inject({ method: "GET", url: "/metrics" });
  assert.equal(res.statusCode, 200);
  return { res, families: parseExposition(res.body) };
}

test("health: 200 ok with no peer known, and within the allowed lag of the best peer", async () => {
  await withServer(stubNode(), async (app) => {
    const res = await app.inject({ method: "GET", url: "/v1/health" });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      status: "ok",
      height: 100,
      bestPeerHeight: null,
      behind: 0,
      maxLag: 10,
      peers: 0,
      syncing: false,
    });
  });
  // Heights peers only claim do not count (a lying peer could make the node unready).
  await withServer(stubNode({ peers: [peer(null), peer(95), peer(1_000_000)] }), async (app) => {
    const res = await app.inject({ method: "GET", url: "/v1/health" });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().bestPeerHeight, null);
    assert.equal(res.json().behind, 0);
    assert.equal(res.json().peers, 3);
  });
  // Importing a proven heavier chain within the allowed lag.
  const near = stubNode({ status: () => status({ syncing: true, targetHeight: 110 }), peers: [peer(110)] });
  await withServer(near, async (app) => {
    const res = await app.inject({ method: "GET", url: "/v1/health" });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().bestPeerHeight, 110);
    assert.equal(res.json().behind, 10);
  });
});

test("health: 503 NODE_NOT_READY saying how far behind, while syncing or behind a peer", async () => {
  const syncing = stubNode({
    status: () => status({ syncing: true, targetHeight: 250 }),
    peers: [peer(240)],
  });
  await withServer(syncing, async (app) => {
    const res = await app.inject({ method: "GET", url: "/v1/health" });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), {
      error: {
        code: "NODE_NOT_READY",
        message: "syncing: height 100, best peer 250 (150 blocks behind, at most 10 allowed)",
      },
    });
  });
  await withServer(
    stubNode({ status: () => status({ syncing: true, targetHeight: 104 }), peers: [peer(104)] }),
    async (app) => {
      const res = await app.inject({ method: "GET", url: "/v1/health" });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error.code, "NODE_NOT_READY");
      assert.match(
        res.json().error.message,
        /^syncing: height 100, best peer 104 \(4 blocks behind, at most 3/,
      );
    },
    { healthMaxLag: 3 },
  );
});

test("health: 503 NODE_NOT_READY when the chain cannot be read", async () => {
  const closed = stubNode({
    status: () => {
      throw new Error("database closed");
    },
  });
  await withServer(closed, async (app) => {
    const res = await app.inject({ method: "GET", url: "/v1/health" });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json().error, {
      code: "NODE_NOT_READY",
      message: "the chain is not open: database closed",
    });
  });
});

test("metrics: Prometheus text with the node's gauges, read at scrape time", async () => {
  let height = 100;
  const node = stubNode({
    status: () => status({ height, peers: 2, syncing: true, targetHeight: 180, hashRate: 1234 }),
  });
  const metrics = new NodeMetrics(node, { now: () => 1_030 });
  await withServer(
    node,
    async (app) => {
      const { res, families } = await scrape(app);
      assert.equal(res.headers["content-type"], METRICS_CONTENT_TYPE);
      const value = (name: string) => sampleValue(families, name);
      assert.equal(value("telchain_chain_height"), 100);
      assert.equal(value("telchain_chain_head_age_seconds"), 30);
      assert.equal(value("telchain_p2p_peers"), 2);
      assert.equal(value("telchain_mempool_transactions"), 3);
      assert.equal(value("telchain_mempool_bytes"), 450);
      assert.equal(value("telchain_sync_syncing"), 1);
      assert.equal(value("telchain_sync_target_height"), 180);
      assert.equal(value("telchain_miner_hashes_per_second"), 1234);
      assert.equal(sampleValue(families, "telchain_build_info", { version: "0.1.0" }), 1);
      assert.equal(families.get("telchain_chain_height")?.type, "gauge");
      assert.ok(families.has("telchain_process_cpu_seconds_total"), "Node process metrics, prefixed");
      assert.ok(families.has("telchain_nodejs_heap_size_used_bytes"));
      height = 101;
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(sampleValue((await scrape(app)).families, "telchain_chain_height"), 101);
    },
    { metrics },
  );
});

test("metrics: API answers by method, route pattern and status; errors by route and code", async () => {
  await withServer(stubNode(), async (app) => {
    await app.inject({ method: "GET", url: "/v1/status" });
    await app.inject({ method: "GET", url: "/v1/status" });
    await app.inject({ method: "GET", url: "/v1/blocks/not-a-block" });
    await app.inject({ method: "GET", url: "/v1/blocks/12345" });
    await app.inject({ method: "GET", url: "/no/such/route/123" });
    const { families } = await scrape(app);
    const requests = (labels: Record<string, string>) =>
      sampleValue(families, "telchain_api_requests_total", labels);
    assert.equal(requests({ method: "GET", route: "/v1/status", status: "200" }), 2);
    assert.equal(requests({ method: "GET", route: "/v1/blocks/:id", status: "400" }), 1);
    assert.equal(requests({ method: "GET", route: "/v1/blocks/:id", status: "404" }), 1);
    assert.equal(requests({ method: "GET", route: "unmatched", status: "404" }), 1);
    const errors = (labels: Record<string, string>) =>
      sampleValue(families, "telchain_api_errors_total", labels);
    assert.equal(errors({ route: "/v1/blocks/:id", code: "BAD_REQUEST" }), 1);
    assert.equal(errors({ route: "/v1/blocks/:id", code: "NOT_FOUND" }), 1);
    assert.equal(errors({ route: "unmatched", code: "NOT_FOUND" }), 1);
    const routes = families.get("telchain_api_requests_total")?.samples.map((s) => s.labels.route) ?? [];
    assert.ok(!routes.some((r) => r.includes("12345") || r.includes("/no/such")), "never the raw URL");
    assert.ok(
      !families.has("telchain_process_cpu_seconds_total"),
      "a server given no metrics omits the process's",
    );
  });
});

test("metrics: block imports, transactions per block, reorgs and transactions by module and kind", async () => {
  const metrics = new NodeMetrics(stubNode(), quiet);
  const tx = (module: string, kind: string) => ({
    body: { module: new TextEncoder().encode(module), kind: new TextEncoder().encode(kind) },
  });
  const block = (...txs: ReturnType<typeof tx>[]) => ({ txs }) as unknown as Block;
  metrics.blockImported("head", 0.02);
  metrics.blockImported("side", 0.004);
  metrics.headChanged({ connected: [block(tx("coin", "transfer"), tx("enum", "commit"))], disconnected: [] });
  metrics.headChanged({
    connected: [block(), block(tx("coin", "transfer"))],
    disconnected: [block(), block()],
  });
  const families = parseExposition((await metrics.render()).body);
  const v = (name: string, labels: Record<string, string> = {}) => sampleValue(families, name, labels);
  assert.equal(v("telchain_block_import_seconds_count", { result: "head" }), 1);
  assert.equal(v("telchain_block_import_seconds_bucket", { result: "side", le: "0.005" }), 1);
  assert.equal(v("telchain_block_transactions_count"), 3);
  assert.equal(v("telchain_block_transactions_sum"), 3);
  assert.equal(v("telchain_block_transactions_bucket", { le: "0" }), 1);
  assert.equal(v("telchain_chain_reorgs_total"), 1);
  assert.equal(v("telchain_chain_reorged_blocks_total"), 2);
  assert.equal(v("telchain_txs_included_total", { module: "coin", kind: "transfer" }), 2);
  assert.equal(v("telchain_txs_included_total", { module: "enum", kind: "commit" }), 1);
});

const counting: Module = {
  name: "widgets",
  kinds: {},
  metrics: [
    { name: "lookups", help: "Widget lookups by outcome", labels: ["outcome"] },
    { name: "resets", help: "Widget resets" },
  ],
};

test("metrics: a module's declared counters, as telchain_<module>_<name>_total", async () => {
  const node = stubNode({ modules: [counting] });
  const metrics = new NodeMetrics(node, quiet);
  const widgets = metrics.moduleMetrics("widgets");
  widgets.inc("lookups", { outcome: "hit" });
  widgets.inc("lookups", { outcome: "hit" }, 2);
  widgets.inc("lookups", { outcome: "miss" });
  await withServer(
    node,
    async (app) => {
      const { families } = await scrape(app);
      const lookups = families.get("telchain_widgets_lookups_total");
      assert.equal(lookups?.type, "counter");
      assert.equal(lookups?.help, "Widget lookups by outcome");
      assert.equal(sampleValue(families, "telchain_widgets_lookups_total", { outcome: "hit" }), 3);
      assert.equal(sampleValue(families, "telchain_widgets_lookups_total", { outcome: "miss" }), 1);
      assert.equal(sampleValue(families, "telchain_widgets_resets_total"), 0);
    },
    { metrics },
  );
  assert.throws(() => widgets.inc("nope"), /module widgets has no declared metric nope/);
  assert.throws(() => widgets.inc("lookups", { colour: "red" }), /label/i);
  assert.throws(() => metrics.moduleMetrics("coin").inc("x"), /module coin has no declared metric x/);
});

test("metrics: a module's counter names and labels must be snake_case, without _total", () => {
  const bad = (metric: NonNullable<Module["metrics"]>[number]) =>
    new NodeMetrics(stubNode({ modules: [{ ...counting, metrics: [metric] }] }), quiet);
  assert.throws(() => bad({ name: "Lookups", help: "x" }), /"Lookups" is not snake_case/);
  assert.throws(
    () => bad({ name: "lookups", help: "x", labels: ["out-come"] }),
    /"out-come" is not snake_case/,
  );
  assert.throws(() => bad({ name: "lookups_total", help: "x" }), /adds the _total suffix/);
});

test("metrics: two nodes in one process keep their own registries", async () => {
  const a = new NodeMetrics(stubNode(), quiet);
  const b = new NodeMetrics(stubNode(), quiet);
  a.blockImported("head", 0.01);
  const count = async (m: NodeMetrics) =>
    sampleValue(parseExposition((await m.render()).body), "telchain_block_import_seconds_count", {
      result: "head",
    });
  assert.equal(await count(a), 1);
  assert.equal(await count(b), undefined);
});
