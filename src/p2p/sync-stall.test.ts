/**
 * Sync that cannot be stalled (issue 10): a peer's claimed work is not trusted until its
 * headers prove it, so claims alone never make the node `syncing` (what the miner waits on);
 * a peer that stalls or does not deliver is penalised, not retried for a cooldown unless it
 * reports a new head, and banned on the third stall. In-process nodes and scripted peers.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { toHex } from "../bytes.js";
import { headerHash } from "../codec/hashing.js";
import { TestChain, testKey, unmine } from "../testing/chain-harness.js";
import { checkHeaderBatch } from "./header-check.js";
import {
  BLOCKS_REQUEST_BYTES,
  decodeBlocksRequest,
  decodeHeadersRequest,
  encodeHeaders,
  HEADERS_REQUEST_BYTES,
} from "./messages.js";
import { PENALTY_SYNC_STALL } from "./peer-scores.js";
import { networkTestGenesis, playSyncStaller, RawPeer, TestNode, waitFor } from "./testing.js";
import type { SyncPhase } from "./types.js";

const nodes: TestNode[] = [];
const raws: RawPeer[] = [];
const scratches: TestChain[] = [];
after(async () => {
  await Promise.all(raws.map((p) => p.stop()));
  await Promise.all(nodes.map((n) => n.stop()));
  await Promise.all(scratches.map((c) => c.close()));
});

async function node(): Promise<TestNode> {
  const n = await TestNode.start();
  nodes.push(n);
  return n;
}

async function rawPeer(like: TestNode): Promise<RawPeer> {
  const p = await RawPeer.start(like.access.chainId, like.access.genesisHash);
  raws.push(p);
  return p;
}

/** Samples the node's sync phase every 10 ms until stopped: which phases it went through. */
function watchPhases(n: TestNode): { seen: Set<SyncPhase>; syncing: () => boolean; stop: () => void } {
  const seen = new Set<SyncPhase>();
  let syncing = false;
  const timer = setInterval(() => {
    const s = n.network.syncState();
    seen.add(s.phase);
    syncing ||= s.syncing;
  }, 10);
  return { seen, syncing: () => syncing, stop: () => clearInterval(timer) };
}

const failures = (n: TestNode, peerId: string) =>
  n.log.lines.filter(
    (l) => l.msg === "sync from peer failed" && "peer" in l.obj && l.obj.peer === peerId,
  ) as { obj: { err: string; penalty: number } }[];

/** Serves headers and blocks of `chain`'s main chain as an honest server would. */
async function serveChain(peer: RawPeer, chain: TestChain): Promise<void> {
  const store = chain.chain.store;
  await peer.serve(peer.names.headers, HEADERS_REQUEST_BYTES, (bytes) => {
    const { start, count } = decodeHeadersRequest(bytes);
    const headers = [];
    for (let h = start; h < start + count; h++) {
      const hash = store.mainHash(h);
      const header = hash && store.record(hash)?.header;
      if (!header) break;
      headers.push(header);
    }
    return [encodeHeaders(headers)];
  });
  await peer.serve(peer.names.blocks, BLOCKS_REQUEST_BYTES, (bytes) => {
    const { start, count } = decodeBlocksRequest(bytes);
    const blocks = [];
    for (let h = start; h < start + count; h++) {
      const hash = store.mainHash(h);
      const block = hash && store.blockBytes(hash);
      if (!block) break;
      blocks.push(block);
    }
    return blocks;
  });
}

/** A chain of `n` blocks on the network tests' genesis, built apart from any node (by another miner). */
async function chainOf(n: number): Promise<TestChain> {
  const c = TestChain.create(networkTestGenesis());
  scratches.push(c);
  for (let i = 0; i < n; i++) await c.chain.importBlock(c.template([], testKey(8).pub));
  return c;
}

test("a detached header is excused as the peer's reorg only if it carries its proof of work", async () => {
  const c = await chainOf(1);
  const real = (c.chain.store.record(c.chain.head().hash) ?? assert.fail()).header;
  const detached = checkHeaderBatch([real], 1, new Uint8Array(32));
  assert.ok(!detached.ok && detached.first, "a real header that does not attach: the peer's chain moved");
  const fake = unmine({ header: real, txs: [] }).header;
  const forged = checkHeaderBatch([fake], 1, new Uint8Array(32));
  assert.ok(!forged.ok && !forged.first && /proof of work/.test(forged.reason), "no work: a lie");
});

test("a peer that claims more work and closes every headers request never makes the node sync; it is cooled down, then banned", async () => {
  const a = await node();
  await a.mineQuietly(5);
  const evil = await rawPeer(a);
  const opts = { mode: "close" as const, newHeads: false };
  const counts = await playSyncStaller(evil, a.network.peerId(), opts);
  const phases = watchPhases(a);
  after(phases.stop);
  await evil.dial(a.network.listenAddrs()[0]);

  await waitFor("the first stall is penalised", () => failures(a, evil.peerId()).length === 1);
  const [first] = failures(a, evil.peerId());
  assert.equal(first.obj.penalty, PENALTY_SYNC_STALL);
  assert.match(first.obj.err, /headers request \(6, 512\) was closed without an answer/);
  assert.equal(counts.probes, 1, "it answered the fork-point probe at our height");
  assert.ok(a.network.scores.score(evil.peerId()) <= PENALTY_SYNC_STALL + 1);

  // Same head in its status: not tried again within the cooldown, though its status is
  // refreshed every 5 s and still claims more work than ours.
  await new Promise((r) => setTimeout(r, 11_000));
  assert.equal(counts.stalled, 1, "no retry during the cooldown");
  assert.equal(failures(a, evil.peerId()).length, 1);
  assert.ok(!a.network.scores.isBanned(evil.peerId()));
  // Meanwhile the node's own chain goes on.
  await a.mine();
  assert.equal(a.height(), 6);

  // A new head in each status lifts the cooldown: it is tried again, and the third stall bans it.
  opts.newHeads = true;
  await waitFor("the staller is banned", () => a.network.scores.isBanned(evil.peerId()), 30_000);
  assert.equal(failures(a, evil.peerId()).length, 3);
  await waitFor("it is cut off", () => !evil.connectedTo(a.network.peerId()));
  phases.stop();
  assert.ok(!phases.syncing(), "never reported syncing (the miner never waited)");
  assert.ok(!phases.seen.has("importing"));
  assert.equal(a.network.syncState().phase, "idle");
  assert.equal(a.height(), 6);
});

test("a headers request left unanswered times out: the node stays pending (not syncing) meanwhile and penalises the stall", async () => {
  const a = await node();
  await a.mineQuietly(3);
  const evil = await rawPeer(a);
  const counts = await playSyncStaller(evil, a.network.peerId(), { mode: "stall", newHeads: false });
  await evil.dial(a.network.listenAddrs()[0]);
  await waitFor("a headers request is stalled", () => counts.stalled === 1);
  const state = a.network.syncState();
  assert.equal(state.phase, "pending");
  assert.equal(state.syncing, false);
  assert.equal(state.targetHeight, 3, "a claimed height is no target until proven");
  await a.mine(); // the chain moves on while the peer stalls
  await waitFor("the timeout is penalised", () => failures(a, evil.peerId()).length === 1, 20_000);
  assert.match(failures(a, evil.peerId())[0].obj.err, /timed out/);
  assert.equal(failures(a, evil.peerId())[0].obj.penalty, PENALTY_SYNC_STALL);
  assert.equal(a.network.syncState().syncing, false);
  assert.equal(a.height(), 4);
});

/**
 * A peer serving a real 10-block branch from genesis (by another miner) whose status claims
 * height `claimedHeight` and far more work; connects to `a` and returns its first sync failure there.
 */
async function liarWithBranch(a: TestNode, claimedHeight: number) {
  const liar = await rawPeer(a);
  const its = await chainOf(10);
  await serveChain(liar, its);
  liar.status = { ...liar.status, headHash: its.chain.head().hash, height: claimedHeight, work: 1n << 200n };
  await liar.dial(a.network.listenAddrs()[0]);
  await waitFor("the liar is penalised", () => failures(a, liar.peerId()).length === 1);
  return { its, fault: failures(a, liar.peerId())[0].obj };
}

test("headers that do not prove the claimed work are not imported, and the claim costs the peer", async () => {
  const a = await node();
  await a.mineQuietly(20); // heavier than the liar's real branch
  const head = toHex(a.test.chain.head().hash);
  const phases = watchPhases(a);
  after(phases.stop);
  const { its, fault } = await liarWithBranch(a, 10);
  phases.stop();
  assert.match(fault.err, /less work than its status claimed/);
  assert.equal(fault.penalty, PENALTY_SYNC_STALL);
  assert.ok(!phases.syncing() && !phases.seen.has("importing"));
  assert.equal(toHex(a.test.chain.head().hash), head);
  assert.equal(a.test.chain.store.record(its.chain.head().hash), undefined, "none of its blocks stored");
});

test("a peer that claims more blocks than it has is dropped at the short answer", async () => {
  const a = await node();
  const { fault } = await liarWithBranch(a, 50);
  assert.match(fault.err, /10 headers from height 1, its claimed height 50 promised 50/);
  assert.equal(fault.penalty, PENALTY_SYNC_STALL);
  assert.equal(a.height(), 0);
});

test("a peer whose real, heavier chain falls short of its claim is synced from, and still penalised", async () => {
  const a = await node();
  const { its, fault } = await liarWithBranch(a, 10);
  // Its headers proved more work than A's genesis: their blocks were imported.
  assert.equal(toHex(a.test.chain.head().hash), toHex(headerHash(its.chain.head().header)));
  assert.match(fault.err, /less work than its status claimed/);
  assert.ok(a.log.lines.some((l) => l.msg.startsWith("sync done at height 10")));
});
