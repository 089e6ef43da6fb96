import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { toHex } from "../bytes.js";
import { headerHash } from "../codec/hashing.js";
import { Block, Tx } from "../codec/schema.js";
import { mine, TestChain, testKey, transferTx, unmine } from "../testing/chain-harness.js";
import { IDENTITY_FILE } from "./identity.js";
import { encodeHeaders, HEADERS_REQUEST_BYTES } from "./messages.js";
import { Network } from "./network.js";
import { PENALTY_INVALID_TX } from "./peer-scores.js";
import { PEERS_FILE } from "./peer-store.js";
import { memoryLog, networkTestGenesis, RawPeer, TestNode, waitFor } from "./testing.js";

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
  assert.deepEqual(b.network.syncState(), {
    syncing: false,
    phase: "idle",
    height: 130,
    targetHeight: 130,
    rate: 0,
  });
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

const raws: RawPeer[] = [];
async function rawPeer(like: TestNode): Promise<RawPeer> {
  const p = await RawPeer.start(like.access.chainId, like.access.genesisHash);
  raws.push(p);
  return p;
}
after(async () => {
  await Promise.all(raws.map((p) => p.stop()));
});

const scoreOf = (n: TestNode, peerId: string) => n.network.peers().find((p) => p.peerId === peerId)?.score;

test("an invalid tx and a malformed message lower the sender's score; past the threshold it is cut off", async () => {
  const a = await node();
  await a.mineQuietly(3);
  const head = headHex(a);
  const evil = await rawPeer(a);
  await evil.dial(a.network.listenAddrs()[0]);
  await waitFor(
    "evil hears A",
    () => evil.hears(a.network.peerId(), "tx") && evil.hears(a.network.peerId(), "block"),
  );

  // Signed for another chain: the signature does not verify here.
  await evil.publish(
    "tx",
    Tx.serialize(transferTx(testKey(0), 0, testKey(1).pub, 5n, { chainId: "elsewhere" })),
  );
  await waitFor("penalty for the invalid tx", () => scoreOf(a, evil.peerId()) === PENALTY_INVALID_TX);
  assert.ok(evil.connectedTo(a.network.peerId()));

  await evil.publish("block", new Uint8Array(300).fill(0xab));
  await waitFor("evil is disconnected", () => !evil.connectedTo(a.network.peerId()));
  assert.equal(scoreOf(a, evil.peerId()), undefined);
  assert.ok(a.network.scores.isBanned(evil.peerId()));
  assert.ok(a.log.lines.some((l) => l.level === "warn" && l.msg === "banned peer"));
  assert.equal(headHex(a), head);
  // Refused when it comes back (A drops the connection as soon as it learns who dialled).
  await evil.dial(a.network.listenAddrs()[0]).catch(() => undefined);
  await waitFor("the new connection is dropped", () => !evil.connectedTo(a.network.peerId()));
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!evil.connectedTo(a.network.peerId()));
  assert.ok(!a.network.peers().some((p) => p.peerId === evil.peerId()));
});

test("an invalid block gets its sender banned while honest nodes keep their head and their peers", async () => {
  const a = await node();
  const b = await node({ bootstrap: a.network.listenAddrs() });
  await a.mine();
  await waitFor("B follows A", () => b.height() === 1);
  const evil = await rawPeer(a);
  await evil.dial(a.network.listenAddrs()[0]);
  await waitFor("evil hears A", () => evil.hears(a.network.peerId(), "block"));

  // Valid proof of work, wrong state root: refused only after execution.
  const template = a.test.template();
  const bad = mine({ header: { ...template.header, stateRoot: new Uint8Array(32).fill(7) }, txs: [] });
  await evil.publish("block", Block.serialize(bad));
  await waitFor("evil is disconnected", () => !evil.connectedTo(a.network.peerId()));
  assert.ok(a.network.scores.isBanned(evil.peerId()));
  assert.equal(a.height(), 1);
  assert.equal(b.height(), 1);
  assert.equal(headHex(b), headHex(a));
  assert.equal(b.test.chain.store.record(headerHash(bad.header)), undefined, "A did not forward it");

  // The honest pair still gossips.
  assert.equal(scoreOf(a, b.network.peerId()), 0);
  await b.mine();
  await waitFor("A imports B's next block", () => a.height() === 2);
  assert.equal(headHex(a), headHex(b));
});

test("nodes of different chains do not exchange blocks and part ways", async () => {
  const a = await node();
  const c = await node({ genesis: networkTestGenesis("telchain-other"), bootstrap: a.network.listenAddrs() });
  // Whichever side identifies the other first finds no protocol of its chain and hangs up.
  await waitFor(
    "a ban of the foreign node",
    () => a.network.scores.isBanned(c.network.peerId()) || c.network.scores.isBanned(a.network.peerId()),
  );
  await waitFor("disconnected", () => a.network.peers().length === 0 && c.network.peers().length === 0);
  await a.mine();
  await c.mine();
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(a.height(), 1);
  assert.equal(c.height(), 1);
  assert.notEqual(headHex(a), headHex(c));
  assert.equal(a.test.chain.store.record(c.test.chain.head().hash), undefined);
  assert.equal(c.test.chain.store.record(a.test.chain.head().hash), undefined);
});

test("identity and known peers persist across a restart", async () => {
  const p2pDir = mkdtempSync(join(tmpdir(), "telchain-p2p-keep-"));
  after(() => rmSync(p2pDir, { recursive: true, force: true }));
  const a = await TestNode.start({ p2pDir });
  const id = a.network.peerId();
  assert.equal(statSync(join(p2pDir, IDENTITY_FILE)).mode & 0o777, 0o600);
  const b = await node({ bootstrap: a.network.listenAddrs() });
  await waitFor("A knows B", () => {
    try {
      return readFileSync(join(p2pDir, PEERS_FILE), "utf8").includes(b.network.peerId());
    } catch {
      return false;
    }
  });
  const known: string[] = JSON.parse(readFileSync(join(p2pDir, PEERS_FILE), "utf8"));
  assert.ok(known.every((addr) => addr.endsWith(`/p2p/${b.network.peerId()}`)));
  await a.stop(false);

  // Restarted on a new port with no bootstrap list: same peer id, and it finds B again.
  const again = await node({ p2pDir, chainDir: a.test.dir });
  assert.equal(again.network.peerId(), id);
  await waitFor("A redials B", () => again.network.peers().some((p) => p.peerId === b.network.peerId()));
  await again.mine();
  await waitFor("gossip works again", () => b.height() === 1);
});

test("a transaction submitted at A reaches B's mempool", async () => {
  const a = await node();
  const b = await node({ bootstrap: a.network.listenAddrs() });
  await waitFor("gossip subscription", () => a.network.gossipPeers().length === 1);
  const tx = transferTx(testKey(0), 0, testKey(1).pub, 25n);
  const { hash } = await a.access.submitTx(Tx.serialize(tx), "local");
  await waitFor("B has it pending", () => b.access.service.tx(hash)?.status === "pending");
  // B mines it; A sees it included.
  await b.mine([tx]);
  await waitFor("A sees it included", () => a.access.service.tx(hash)?.status === "included");
});

test("a peer that lies during sync is banned and the node syncs from an honest one", async () => {
  const a = await node();
  await a.mineQuietly(40);
  const liar = await rawPeer(a);
  // Claims far more work than anyone, then serves a header without proof of work.
  liar.status = { ...liar.status, headHash: new Uint8Array(32).fill(1), height: 50, work: 1n << 200n };
  const scratch = TestChain.create(networkTestGenesis());
  after(() => scratch.close());
  const fake = unmine(scratch.template()).header;
  await liar.serve(liar.names.headers, HEADERS_REQUEST_BYTES, () => [encodeHeaders([fake])]);

  const b = await node({ bootstrap: [...liar.listenAddrs(), ...a.network.listenAddrs()] });
  await waitFor("B bans the liar", () => b.network.scores.isBanned(liar.peerId()));
  await waitFor("B syncs from A", () => b.height() === 40, 30_000);
  assert.equal(headHex(b), headHex(a));
  assert.ok(
    b.log.lines.some(
      (l) => l.msg === "sync from peer failed" && "peer" in l.obj && l.obj.peer === liar.peerId(),
    ),
  );
});

test("stopping a node in the middle of a sync neither hangs nor crashes", async () => {
  const a = await node();
  await a.mineQuietly(400);
  const b = await TestNode.start({ bootstrap: a.network.listenAddrs() });
  await waitFor("B is syncing", () => b.height() > 0, 30_000);
  const started = Date.now();
  await b.stop();
  assert.ok(Date.now() - started < 5_000, "stop is prompt");
  // A is unaffected and still serves others.
  const c = await node({ bootstrap: a.network.listenAddrs() });
  await waitFor("C syncs from A", () => c.height() === 400, 60_000);
});

test("starting on a port already in use fails cleanly", async () => {
  const a = await node();
  const port = /\/tcp\/(\d+)\//.exec(a.network.listenAddrs()[0])?.[1];
  const dir = mkdtempSync(join(tmpdir(), "telchain-p2p-busy-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  await assert.rejects(
    Network.start(a.access, {
      listen: `127.0.0.1:${port}`,
      bootstrap: [],
      dir,
      log: memoryLog(),
      maxBlockBytes: 1 << 20,
    }),
  );
  assert.equal(a.network.peers().length, 0);
});
