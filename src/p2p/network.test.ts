import assert from "node:assert/strict";
import { after, test } from "node:test";
import { toHex } from "../bytes.js";
import { headerHash } from "../codec/hashing.js";
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
