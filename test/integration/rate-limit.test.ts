/**
 * The API's rate limit on a real node, over HTTP from 127.0.0.1: loopback clients are not
 * limited by default (`--api-rate-limit` only counts remote clients); with
 * `--api-rate-limit-loopback` they are, and the refusal is 429 RATE_LIMITED in the one error shape.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { NodeProcess } from "../../src/testing/node-process.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-rate-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function withNode(flags: string[], fn: (node: NodeProcess) => Promise<void>): Promise<void> {
  const node = await NodeProcess.start(["--dev", "--no-mine", "--datadir", join(dir, "data"), ...flags]);
  try {
    assert.ok(await node.ready(), node.output);
    await fn(node);
  } finally {
    await node.kill("SIGTERM");
  }
}

async function statuses(node: NodeProcess, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((await fetch(`${node.url}/v1/status`)).status);
  return out;
}

test("loopback clients are not rate limited by default", async () => {
  await withNode(["--api-rate-limit", "5"], async (node) => {
    assert.deepEqual(await statuses(node, 40), Array(40).fill(200));
  });
});

test("--api-rate-limit-loopback limits loopback clients too: 429 RATE_LIMITED", async () => {
  await withNode(["--api-rate-limit", "5", "--api-rate-limit-loopback"], async (node) => {
    // node.ready() polled /v1/status at least once: those requests count as well.
    const seen = await statuses(node, 6);
    assert.ok(seen.includes(429), `no refusal in ${seen}`);
    const res = await fetch(`${node.url}/v1/status`);
    assert.equal(res.status, 429);
    assert.ok(res.headers.get("retry-after"), "tells the client when to retry");
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.deepEqual(Object.keys(body), ["error"]);
    assert.equal(body.error.code, "RATE_LIMITED");
    assert.match(body.error.message, /at most 5 per time window/);
  });
});

test("--api-rate-limit must be a whole number from 1", async () => {
  for (const bad of ["0", "-1", "ten"]) {
    const node = await NodeProcess.start([
      "--dev",
      "--no-mine",
      "--datadir",
      join(dir, "bad"),
      "--api-rate-limit",
      bad,
    ]);
    assert.equal(await node.exited, 1, node.output);
    assert.match(node.output, /BAD_ARGUMENT.*--api-rate-limit/, node.output);
  }
});
