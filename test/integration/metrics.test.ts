/**
 * Monitoring as an operator sees it, on a real node process: blocks submitted over HTTP
 * (one of them a reorganisation), a DNS query to the ENUM server, an API error; then
 * `curl /metrics` must show every documented series, Prometheus's own `promtool check
 * metrics` must accept the output (where promtool is installed: Debian's `prometheus`), and
 * /v1/health and /v1/status answer.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { Resolver } from "node:dns/promises";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { toHex } from "../../src/bytes.js";
import { Block } from "../../src/codec/schema.js";
import { SPACING, T0, TestChain, testGenesis, testKey, transferTx } from "../../src/testing/chain-harness.js";
import { repoRoot } from "../../src/testing/fixtures.js";
import { freePort, NodeProcess, writeGenesis } from "../../src/testing/node-process.js";
import { type Family, parseExposition, sampleValue } from "../../src/testing/prometheus.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-metrics-"));
const genesis = testGenesis();
let node: NodeProcess;
let exposition = "";
let families: Map<string, Family>;

/** Branch A: one block with a transfer; branch B: two empty blocks from genesis (heavier). */
async function branches(): Promise<{ a: Uint8Array[]; b: Uint8Array[] }> {
  const a = TestChain.create(genesis);
  const b = TestChain.create(genesis);
  try {
    const a1 = await a.extend([transferTx(testKey(0), 0, testKey(4).pub, 5n)]);
    const b1 = await b.extend();
    const b2 = await b.extend();
    return { a: [Block.serialize(a1)], b: [Block.serialize(b1), Block.serialize(b2)] };
  } finally {
    await a.close();
    await b.close();
  }
}

before(async () => {
  const dnsPort = await freePort();
  node = await NodeProcess.start([
    "--genesis",
    writeGenesis(dir, genesis),
    "--datadir",
    join(dir, "node"),
    "--no-mine",
    "--health-max-lag",
    "3",
    "--dns",
    `127.0.0.1:${dnsPort}`,
  ]);
  assert.ok(await node.ready(), `the node did not start:\n${node.output}`);
  const { a, b } = await branches();
  for (const block of [...a, ...b]) {
    const res = await node.post("/v1/blocks", { block: toHex(block) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  const resolver = new Resolver({ timeout: 2_000, tries: 1 });
  resolver.setServers([`127.0.0.1:${dnsPort}`]);
  await assert.rejects(resolver.resolveNaptr("4.3.2.1.5.5.5.1.e164.arpa"), { code: "ENOTFOUND" });
  assert.equal((await node.get("/v1/blocks/zz")).status, 400);

  const res = await fetch(`${node.url}/metrics`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  exposition = await res.text();
  families = parseExposition(exposition);
});

after(async () => {
  await node?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** The series docs/operating.md lists, with their types. */
const SERIES: [string, Family["type"]][] = [
  ["telchain_build_info", "gauge"],
  ["telchain_chain_height", "gauge"],
  ["telchain_chain_head_age_seconds", "gauge"],
  ["telchain_p2p_peers", "gauge"],
  ["telchain_mempool_transactions", "gauge"],
  ["telchain_mempool_bytes", "gauge"],
  ["telchain_block_import_seconds", "histogram"],
  ["telchain_block_transactions", "histogram"],
  ["telchain_chain_reorgs_total", "counter"],
  ["telchain_chain_reorged_blocks_total", "counter"],
  ["telchain_sync_syncing", "gauge"],
  ["telchain_sync_target_height", "gauge"],
  ["telchain_miner_hashes_per_second", "gauge"],
  ["telchain_txs_included_total", "counter"],
  ["telchain_api_requests_total", "counter"],
  ["telchain_api_errors_total", "counter"],
  ["telchain_enum_dns_queries_total", "counter"],
  ["telchain_enum_dns_queries_dropped_total", "counter"],
  ["telchain_process_cpu_seconds_total", "counter"],
  ["telchain_process_resident_memory_bytes", "gauge"],
  ["telchain_nodejs_eventloop_lag_seconds", "gauge"],
];

test("GET /metrics has every documented series, with HELP and TYPE", () => {
  for (const [name, type] of SERIES) {
    const family = families.get(name);
    assert.ok(family, `${name} is missing`);
    assert.equal(family.type, type, name);
    assert.ok(family.help.length > 0, `${name} has a help text`);
  }
  for (const name of families.keys()) assert.match(name, /^telchain_/, "every series is prefixed");
});

test("GET /metrics counts the imports, the reorganisation, the included transfer, the API error and the DNS query", () => {
  const v = (name: string, labels: Record<string, string> = {}) => sampleValue(families, name, labels);
  assert.equal(v("telchain_chain_height"), 2);
  const headAge = Date.now() / 1000 - (T0 + 2 * SPACING); // b2's timestamp
  assert.ok(
    Math.abs((v("telchain_chain_head_age_seconds") ?? 0) - headAge) < 60,
    "seconds since b2's timestamp",
  );
  assert.equal(v("telchain_block_import_seconds_count", { result: "head" }), 2);
  assert.equal(v("telchain_block_import_seconds_count", { result: "side" }), 1);
  assert.equal(v("telchain_block_transactions_count"), 3, "a1, then b1 and b2 connected by the reorg");
  assert.equal(v("telchain_chain_reorgs_total"), 1);
  assert.equal(v("telchain_chain_reorged_blocks_total"), 1);
  assert.equal(v("telchain_txs_included_total", { module: "coin", kind: "transfer" }), 1);
  assert.equal(v("telchain_mempool_transactions"), 1, "the transfer went back to the mempool");
  assert.equal(v("telchain_sync_syncing"), 0);
  assert.equal(v("telchain_p2p_peers"), 0);
  assert.equal(v("telchain_api_requests_total", { method: "POST", route: "/v1/blocks", status: "200" }), 3);
  assert.equal(v("telchain_api_errors_total", { route: "/v1/blocks/:id", code: "BAD_REQUEST" }), 1);
  assert.equal(v("telchain_enum_dns_queries_total", { rcode: "NXDOMAIN", transport: "udp" }), 1);
});

test("promtool check metrics accepts GET /metrics", (t) => {
  const probe = spawnSync("promtool", ["--version"], { encoding: "utf8" });
  if (probe.error) {
    t.skip("promtool not installed (Debian package prometheus): promtool check metrics skipped");
    return;
  }
  const r = spawnSync("promtool", ["check", "metrics"], { input: exposition, encoding: "utf8" });
  assert.equal(r.status, 0, `promtool check metrics:\n${r.stdout}${r.stderr}`);
  assert.equal(`${r.stdout}${r.stderr}`.trim(), "", "no lint findings");
});

test("GET /v1/health is 200 ok on a node without peers; GET /v1/status has the version", async () => {
  const health = await node.get("/v1/health");
  assert.equal(health.status, 200);
  assert.equal(health.body.status, "ok");
  assert.equal(health.body.height, 2);
  assert.equal(health.body.maxLag, 3, "from --health-max-lag");
  const pkg = JSON.parse(readFileSync(join(repoRoot(), "package.json"), "utf8")) as { version: string };
  const status = await node.get("/v1/status");
  assert.equal(status.body.version, pkg.version);
});
