import assert from "node:assert/strict";
import { after, test } from "node:test";
import { toHex } from "../bytes.js";
import { headerHash } from "../codec/hashing.js";
import { testKey } from "../testing/chain-harness.js";
import { TestNode, waitFor } from "./testing.js";

const nodes: TestNode[] = [];
async function node(opts: Parameters<typeof TestNode.start>[0] = {}): Promise<TestNode> {
  const n = await TestNode.start(opts);
  nodes.push(n);
  return n;
}
after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
});

const headHex = (n: TestNode) => toHex(n.test.chain.head().hash);

/** Dials `to` from `from` and waits until both see the connection. */
async function connect(from: TestNode, to: TestNode): Promise<void> {
  await from.network.dial(to.network.listenAddrs()[0]);
  await waitFor(
    "connection",
    () =>
      from.network.peers().some((p) => p.peerId === to.network.peerId()) &&
      to.network.peers().some((p) => p.peerId === from.network.peerId()),
  );
}

test("two networks connect and gossip a block: B imports what A mined", async () => {
  const a = await node();
  const b = await node({ bootstrap: a.network.listenAddrs() });
  await waitFor("connection", () => a.network.peers().length === 1 && b.network.peers().length === 1);
  await waitFor("gossip subscription", () => b.network.gossipPeers().length === 1);
  const block = await a.mine();
  await waitFor("B imports A's block", () => b.height() === 1);
  assert.equal(headHex(b), toHex(headerHash(block.header)));
  assert.equal(b.network.peers()[0].peerId, a.network.peerId());
  assert.equal(b.network.peers()[0].direction, "outbound");
});

test("a node with 0 blocks syncs 130 blocks from a peer, headers first", async () => {
  const a = await node();
  await a.mineQuietly(130);
  const b = await node({ bootstrap: a.network.listenAddrs() });
  await waitFor("B syncs to 130", () => b.height() === 130, 30_000);
  assert.equal(headHex(b), headHex(a));
  await waitFor("sync finished", () => !b.network.syncState().syncing);
  assert.deepEqual(b.network.syncState(), { syncing: false, height: 130, targetHeight: 130, rate: 0 });
  const started = b.log.lines.find((l) => l.msg === "syncing from peer");
  assert.deepEqual(started?.obj, { peer: a.network.peerId(), fork: 0, target: 130 });
  assert.ok(b.log.lines.some((l) => l.msg.startsWith("sync done at height 130")));
  assert.equal(b.network.peers()[0].height, 130);
});

test("fork point search: B reorgs from its shorter branch to A's heavier one", async () => {
  const a = await node();
  const b = await node();
  // Same miner and clock: both build the very same 20 blocks, then their branches part.
  await a.mineQuietly(20);
  await b.mineQuietly(20);
  assert.equal(headHex(a), headHex(b));
  await a.mineQuietly(100, testKey(9).pub);
  await b.mineQuietly(37, testKey(8).pub);
  const bBranchHash = toHex(b.test.chain.store.mainHash(21) as Uint8Array);
  assert.notEqual(bBranchHash, toHex(a.test.chain.store.mainHash(21) as Uint8Array));

  await connect(b, a);
  await waitFor("B reorgs to A's chain", () => headHex(b) === headHex(a), 30_000);
  assert.equal(b.height(), 120);
  const started = b.log.lines.find((l) => l.msg === "syncing from peer");
  assert.deepEqual(started?.obj, { peer: a.network.peerId(), fork: 20, target: 120 });
  // A keeps its own heavier chain: it never syncs B's branch.
  assert.equal(a.height(), 120);
  assert.ok(!a.log.lines.some((l) => l.msg === "syncing from peer"));
});

test("a block with an unknown parent makes the receiver catch up from the sender", async () => {
  const a = await node();
  const b = await node({ bootstrap: a.network.listenAddrs() });
  await waitFor("gossip subscription", () => a.network.gossipPeers().length === 1);
  await a.mineQuietly(7); // B never hears of these...
  await a.mine(); // ...until this one arrives with a parent it lacks
  await waitFor("B catches up", () => b.height() === 8);
  assert.equal(headHex(b), headHex(a));
});
