/**
 * Issue 10, item 1, against a real dev node process: peers whose status claims far more
 * work than the node's, that answer the fork-point probe and then close (or leave
 * unanswered) every headers request, with a new head in every status so that no cooldown
 * holds them off. The node must keep mining at its normal rate and end up banning them.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { getPeers, getStatus } from "../../src/client/actions/index.js";
import { ApiClient } from "../../src/client/api-client.js";
import { playSyncStaller, RawPeer } from "../../src/p2p/testing.js";
import { NodeProcess } from "../../src/testing/node-process.js";
import { sleep, waitUntil } from "../../src/testing/wait.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-hostile-sync-"));
const running: NodeProcess[] = [];
const raws: RawPeer[] = [];
after(async () => {
  await Promise.all(raws.map((p) => p.stop()));
  for (const n of running) await n.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const waitFor = (what: string, cond: () => Promise<boolean>, timeoutMs: number) =>
  waitUntil(what, cond, { timeoutMs, pollMs: 200, retryErrors: true });

/**
 * Blocks per second over a window that starts on a new block (when `onStart` runs) and ends
 * on the first block after `ms`, or at `ms` + 10 s if none comes (a stalled miner);
 * meanwhile `sample` sees each status polled.
 */
async function blockRate(
  api: ApiClient,
  ms: number,
  hooks: { onStart?: () => Promise<void>; sample?: (s: Awaited<ReturnType<typeof getStatus>>) => void } = {},
): Promise<{ blocks: number; seconds: number; rate: number }> {
  const poll = async () => {
    const s = await getStatus(api);
    hooks.sample?.(s);
    return s.height;
  };
  const h0 = await poll();
  let start = h0;
  while (start === h0) {
    await sleep(100);
    start = await poll();
  }
  const t0 = Date.now();
  await hooks.onStart?.();
  let end = start;
  while (Date.now() - t0 < ms || (end === start && Date.now() - t0 < ms + 10_000)) {
    await sleep(100);
    end = await poll();
  }
  const seconds = (Date.now() - t0) / 1000;
  return { blocks: end - start, seconds, rate: (end - start) / seconds };
}

test("peers that claim more work and stall or close every headers request neither slow the miner nor escape a ban", async (t) => {
  const node = await NodeProcess.start(["--dev", "--datadir", join(dir, "data")]);
  running.push(node);
  assert.ok(await node.ready(), `the node did not start:\n${node.output}`);
  const api = new ApiClient(node.url);

  // The normal rate of this paced dev miner (a block per 2 s target), on this machine now.
  const normal = await blockRate(api, 15_000);
  assert.ok(normal.blocks >= 4, `the dev node mines: ${JSON.stringify(normal)}`);

  const s = await getStatus(api);
  const nodeId = s.peerId as string;
  const genesisHash = Buffer.from(s.genesisHash, "hex");
  const closer = await RawPeer.start(s.chainId, genesisHash);
  const staller = await RawPeer.start(s.chainId, genesisHash);
  raws.push(closer, staller);
  const closed = await playSyncStaller(closer, nodeId, { mode: "close", newHeads: true });
  const stalled = await playSyncStaller(staller, nodeId, { mode: "stall", newHeads: true });

  // 30 s under attack, from the block at which they connect: every status polled says the
  // node is not syncing (the miner does not wait), though it is busy checking the attackers'
  // claims (phase pending) part of the time.
  const phases = new Set<string>();
  let syncing = 0;
  const attacked = await blockRate(api, 30_000, {
    onStart: async () => {
      for (const p of [closer, staller]) await p.dial(s.listen[0]);
    },
    sample: (st) => {
      phases.add(st.syncPhase);
      if (st.syncing) syncing++;
    },
  });
  const figures = JSON.stringify({ normal, attacked, phases: [...phases], closed, stalled });
  assert.ok(attacked.rate >= 0.8 * normal.rate, `block production within 20% of normal: ${figures}`);
  assert.equal(syncing, 0, `never syncing: ${figures}`);
  assert.ok(phases.has("pending"), `the claims were checked: ${figures}`);
  assert.ok(closed.probes >= 1 && stalled.probes >= 1, `both answered the fork-point probe: ${figures}`);

  // Three stalls each: both banned, no longer listed, and refused when they come back.
  const listed = async () => (await getPeers(api)).peers.map((p) => p.peerId);
  await waitFor(
    "both attackers cut off",
    async () => {
      const peers = await listed();
      return !peers.includes(closer.peerId()) && !peers.includes(staller.peerId());
    },
    25_000,
  );
  assert.ok(closed.stalled >= 3 && stalled.stalled >= 3, `banned on the third stall: ${figures}`);
  assert.match(node.output, /banned peer/);
  for (const p of [closer, staller]) await p.dial(s.listen[0]).catch(() => undefined);
  await sleep(1_000);
  const back = await listed();
  assert.ok(
    !back.includes(closer.peerId()) && !back.includes(staller.peerId()),
    "a banned attacker got back in",
  );
  assert.ok(!closer.connectedTo(nodeId) && !staller.connectedTo(nodeId));
  t.diagnostic(`hostile sync: ${figures}`);
});
