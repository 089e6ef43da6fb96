/**
 * The network with real node processes on loopback and real libp2p: convergence, tx relay,
 * sync of a late node, and a partition that heals to the heaviest chain.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { toHex } from "../../src/bytes.js";
import {
  getAccount,
  getBlock,
  getPeers,
  getStatus,
  getTx,
  submitBlock,
  submitTx,
} from "../../src/client/actions/index.js";
import { ApiClient, type ApiError } from "../../src/client/api-client.js";
import { headerHash } from "../../src/codec/hashing.js";
import { Block, Tx } from "../../src/codec/schema.js";
import { encodeAddress } from "../../src/crypto/address.js";
import { RawPeer } from "../../src/p2p/testing.js";
import { mine, TestChain, testGenesis, testKey, transferTx } from "../../src/testing/chain-harness.js";
import { chainNodeArgs, freePort, NodeProcess, writeGenesis } from "../../src/testing/node-process.js";
import { sleep, waitUntil } from "../../src/testing/wait.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-net-"));
const genesis = testGenesis({ targetBlockTime: 1, halfLife: 20 });
const genesisFile = writeGenesis(dir, genesis);
const coinbase = encodeAddress(testKey(9).pub);
const running: NodeProcess[] = [];

async function startNode(
  name: string,
  opts: { mine: boolean; pace?: boolean; peers?: NodeProcess[]; p2pPort?: number; apiPort?: number },
) {
  const peers: string[] = [];
  for (const p of opts.peers ?? []) peers.push(...(await status(p)).listen.flatMap((a) => ["--peer", a]));
  const node = await NodeProcess.start(
    [
      ...(await chainNodeArgs(genesisFile, join(dir, name), opts.p2pPort)),
      ...(opts.mine ? ["--mine", "--coinbase", coinbase] : ["--no-mine"]),
      ...(opts.pace ? ["--pace"] : []),
      ...peers,
    ],
    {},
    opts.apiPort,
  );
  running.push(node);
  assert.ok(await node.ready(), `${name} did not start:\n${node.output}`);
  return node;
}

/** A typed client for a node's API. */
function api(node: NodeProcess): ApiClient {
  return new ApiClient(node.url);
}

async function status(node: NodeProcess) {
  return getStatus(api(node));
}

/** Whether the node knows the transaction and reports it included (false while unknown). */
async function included(node: NodeProcess, hash: string): Promise<boolean> {
  return (await getTx(api(node), { hash })).status === "included";
}

/** Asserts that the node answers 404 NOT_FOUND. */
async function assertNotFound(call: Promise<unknown>, message: string): Promise<void> {
  await assert.rejects(call, (e: ApiError) => e.status === 404 && e.code === "NOT_FOUND", message);
}

const waitFor = (what: string, cond: () => Promise<boolean>, timeoutMs = 60_000) =>
  waitUntil(what, cond, { timeoutMs, retryErrors: true });

/**
 * Waits until every follower holds the leader's head block at the leader's height: the
 * nodes are on one chain. (The leader keeps mining, often several blocks a second with
 * the test's easy target, so comparing live heads of all nodes at one instant would race.)
 */
async function onOneChain(what: string, leader: NodeProcess, followers: NodeProcess[], minHeight: number) {
  await waitFor(
    `${what}: leader at height >= ${minHeight}`,
    async () => (await status(leader)).height >= minHeight,
  );
  const head = await status(leader);
  for (const f of followers) {
    await waitFor(`${what}: a follower holds block ${head.height}`, async () => {
      return (await getBlock(api(f), { id: head.height })).hash === head.headHash;
    });
  }
}

async function stop(node: NodeProcess): Promise<void> {
  await node.kill("SIGTERM");
  running.splice(running.indexOf(node), 1);
}

after(async () => {
  for (const n of running) await n.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

test("three nodes converge on one head, and a tx sent to a non-mining node is mined by another", async () => {
  // Paced (a block a second), as a real network: an unpaced leader mines hundreds of blocks
  // a second at the test target, which followers on a loaded machine chase for minutes.
  const a = await startNode("a", { mine: true, pace: true });
  const b = await startNode("b", { mine: false, peers: [a] });
  const c = await startNode("c", { mine: false, peers: [b] }); // reaches a only through b
  await onOneChain("three nodes", a, [b, c], 5);

  const sender = testKey(0);
  const nonce = (await getAccount(api(c), { address: encodeAddress(sender.pub) })).pendingNonce;
  const tx = transferTx(sender, nonce, testKey(4).pub, 4242n);
  const sent = await submitTx(api(c), { tx: toHex(Tx.serialize(tx)) });
  for (const node of [a, b, c]) {
    await waitFor("the transfer included everywhere", () => included(node, sent.hash));
  }
  const balance = await getAccount(api(c), { address: encodeAddress(testKey(4).pub) });
  assert.equal(balance.balance, "4242");
  const peers = await getPeers(api(b));
  assert.ok(peers.peers.length >= 2, "b is connected to a and c");
  for (const n of [a, b, c]) await stop(n);
});

test("a node started late syncs several hundred blocks from genesis", async () => {
  // Build 300 blocks in this process on the same genesis, then hand them to node d.
  const builder = TestChain.create(genesis);
  const blocks: Uint8Array[] = [];
  try {
    for (let i = 0; i < 300; i++) {
      const txs = i % 10 === 0 ? [transferTx(testKey(1), i / 10, testKey(3).pub, 1n)] : [];
      blocks.push(Block.serialize(await builder.extend(txs)));
    }
  } finally {
    await builder.close();
  }
  const d = await startNode("d", { mine: false });
  for (const b of blocks) await submitBlock(api(d), { block: toHex(b) });
  const sd = await status(d);
  assert.equal(sd.height, 300);

  const e = await startNode("e", { mine: false, peers: [d] });
  await waitFor("e synced to 300", async () => {
    const se = await status(e);
    return se.height === 300 && se.headHash === sd.headHash;
  });
  const se = await status(e);
  assert.equal(se.syncing, false, "sync is reported finished");
  // The synced chain carries the transfers: testKey(3) received 1 coin in every tenth block.
  const balance = await getAccount(api(e), { address: encodeAddress(testKey(3).pub) });
  assert.equal(balance.balance, "30");
  await stop(d);
  await stop(e);
});

test("a partition mines on both sides and heals to the heaviest chain; orphaned txs are mined again", async () => {
  const fApi = await freePort();
  const f = await startNode("f", { mine: true, apiPort: fApi });
  const gP2p = await freePort();
  const gApi = await freePort();
  let g = await startNode("g", { mine: true, p2pPort: gP2p, apiPort: gApi });

  // On g's side of the partition, a transfer is included.
  const sender = testKey(2);
  const tx = transferTx(sender, 0, testKey(4).pub, 777n);
  const sent = await submitTx(api(g), { tx: toHex(Tx.serialize(tx)) });
  await waitFor("the transfer included on g", () => included(g, sent.hash));
  const gHeight = (await status(g)).height;
  await stop(g);
  await waitFor("f well ahead of g", async () => (await status(f)).height >= gHeight + 10, 90_000);
  await assertNotFound(getTx(api(f), { hash: sent.hash }), "f never saw g's transfer");

  // Heal: g comes back connected to f; the heavier chain (f's) wins and the transfer is mined again there.
  g = await startNode("g", { mine: false, peers: [f], p2pPort: gP2p, apiPort: gApi });
  await onOneChain("g on f's chain", f, [g], gHeight + 10);
  await waitFor("the orphaned transfer mined again on f's chain", () => included(f, sent.hash));
  await waitFor("g agrees", () => included(g, sent.hash));
  const balance = await getAccount(api(f), { address: encodeAddress(testKey(4).pub) });
  assert.equal(balance.balance, "777");
  await stop(f);
  await stop(g);
});

test("a peer gossiping a malformed message or an invalid block is penalized and cut off; honest nodes carry on", async () => {
  const h = await startNode("h", { mine: true, pace: true });
  const i = await startNode("i", { mine: false, peers: [h] });
  const sh = await status(h);
  const genesisHash = Buffer.from(sh.genesisHash, "hex");
  const garbler = await RawPeer.start(genesis.chainId, genesisHash);
  const forger = await RawPeer.start(genesis.chainId, genesisHash);
  try {
    const hId = sh.peerId as string;
    for (const p of [garbler, forger]) {
      await p.dial(sh.listen[0]);
      await waitFor("h subscribed as seen by the test peer", async () => p.hears(hId, "block"));
    }
    const listed = (await getPeers(api(h))).peers.map((p) => p.peerId);
    assert.ok(listed.includes(garbler.peerId()) && listed.includes(forger.peerId()));

    // A malformed message: bytes that are no block at all.
    await garbler.publish("block", new Uint8Array([1, 2, 3, 4, 5]));
    // An invalid block: valid proof of work on genesis, but a transaction root that does not match.
    const builder = TestChain.create(genesis);
    let forged: Uint8Array;
    let forgedHash: string;
    try {
      const t = builder.template([transferTx(testKey(0), 0, testKey(4).pub, 5n)]);
      const bad = mine({ header: { ...t.header, txRoot: new Uint8Array(32).fill(7) }, txs: t.txs });
      forged = Block.serialize(bad);
      forgedHash = toHex(headerHash(bad.header));
    } finally {
      await builder.close();
    }
    await forger.publish("block", forged);

    await waitFor("both misbehaving peers cut off by h", async () => {
      const peers = (await getPeers(api(h))).peers.map((p) => p.peerId);
      return !peers.includes(garbler.peerId()) && !peers.includes(forger.peerId());
    });
    // The hang-up reaches the test peers' side a moment later.
    await waitFor(
      "the misbehaving peers see the hang-up",
      async () => !garbler.connectedTo(hId as string) && !forger.connectedTo(hId as string),
      10_000,
    );
    // A banned peer that dials again is refused: it does not stay connected.
    await garbler.dial(sh.listen[0]).catch(() => undefined);
    await sleep(1000);
    const after = (await getPeers(api(h))).peers.map((p) => p.peerId);
    assert.ok(!after.includes(garbler.peerId()), "the banned peer got back in");

    // The honest pair still agrees and keeps growing.
    await onOneChain("honest nodes still converge and grow", h, [i], (await status(h)).height + 2);
    await assertNotFound(getBlock(api(h), { id: forgedHash }), "the forged block was not stored");
  } finally {
    await garbler.stop();
    await forger.stop();
    await stop(h);
    await stop(i);
  }
});
