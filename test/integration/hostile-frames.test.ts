/**
 * Oversized frames against a real node process (issue 10, item 3): requests whose length
 * prefix announces megabytes or never ends, responses that do the same, and a 5 MiB gossip
 * frame. Each costs its sender PENALTY_MALFORMED_MESSAGE (a ban at once), nothing is read
 * past the prefix, and the node carries on.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { getPeers, getStatus } from "../../src/client/actions/index.js";
import { ApiClient } from "../../src/client/api-client.js";
import { HEADERS_MAX_BYTES, STATUS_BYTES } from "../../src/p2p/messages.js";
import { lengthPrefix, RawPeer, waitFor } from "../../src/p2p/testing.js";
import { testGenesis } from "../../src/testing/chain-harness.js";
import { type NodeProcess, writeGenesis } from "../../src/testing/node-process.js";
import { logLines, startTargetNode } from "../../src/testing/target-node.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-frames-"));
const genesis = testGenesis({ targetBlockTime: 1, halfLife: 20 });
const genesisFile = writeGenesis(dir, genesis);
const peers: RawPeer[] = [];
let node: NodeProcess | undefined;

after(async () => {
  for (const p of peers) await p.stop().catch(() => undefined);
  await node?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** A length prefix announcing `announced` bytes, then `body` bytes of them. */
const frame = (announced: number, body = 1024) =>
  new Uint8Array([...lengthPrefix(announced), ...new Uint8Array(body)]);

/** The node's "banned peer" log lines: peer id → reason. */
function bans(n: NodeProcess): Map<string, string> {
  const lines = logLines<{ peer: string; reason: string }>(n, "banned peer");
  return new Map(lines.map((l) => [l.peer, l.reason]));
}

test("oversized and malformed length prefixes are penalised on both sides and in gossip: each sender is banned", async () => {
  node = await startTargetNode(dir, genesisFile);
  const api = new ApiClient(node.url);
  const status = await getStatus(api);
  const nodeId = status.peerId as string;
  const genesisHash = Buffer.from(status.genesisHash, "hex");
  const start = async () => {
    const p = await RawPeer.start(genesis.chainId, genesisHash, 8 << 20);
    peers.push(p);
    return p;
  };

  // Responses: the node asks these peers for their status on connect, and syncs from the
  // second one (its status claims more work), whose headers response announces 8 MiB.
  const badStatus = await start();
  await badStatus.serveRaw(badStatus.names.status, frame(1 << 20));
  const badHeaders = await start();
  badHeaders.status = {
    ...badHeaders.status,
    headHash: new Uint8Array(32).fill(9),
    height: 10,
    work: 1n << 40n,
  };
  await badHeaders.serveRaw(badHeaders.names.headers, frame(8 << 20));
  // Requests: a headers request announcing 4 MiB, a status request whose varint never ends.
  const bigRequest = await start();
  const endlessVarint = await start();
  // Gossip: a 5 MiB RPC frame on gossipsub's own protocol.
  const bigGossip = await start();

  for (const p of peers) await p.dial(status.listen[0]);
  await waitFor("the gossip peer hears the node", async () => bigGossip.hears(nodeId, "block"));
  await bigRequest.sendRaw(nodeId, bigRequest.names.headers, frame(4 << 20));
  await endlessVarint.sendRaw(nodeId, endlessVarint.names.status, new Uint8Array(64).fill(0x80));
  await bigGossip.sendRaw(nodeId, "/meshsub/1.2.0", frame(5 << 20, 64 * 1024));

  const expected: [RawPeer, RegExp][] = [
    [badStatus, /oversize status/],
    [badHeaders, /headers\/1 from .*: length prefix/],
    [bigRequest, /oversize .*headers.* request/],
    [endlessVarint, /oversize .*status.* request: length prefix longer than/],
    [bigGossip, /oversize gossip frame/],
  ];
  await waitFor("every sender banned", async () =>
    expected.every(([p]) => bans(node as NodeProcess).has(p.peerId())),
  );
  const reasons = bans(node);
  for (const [p, reason] of expected) assert.match(reasons.get(p.peerId()) as string, reason);
  assert.ok(STATUS_BYTES < 1 << 20 && HEADERS_MAX_BYTES < 8 << 20, "the frames above are over their limits");

  // Cut off, and refused when they dial again.
  await waitFor("the banned peers are disconnected", async () => {
    const listed = (await getPeers(api)).peers.map((p) => p.peerId);
    return peers.every((p) => !listed.includes(p.peerId()) && !p.connectedTo(nodeId));
  });
  await bigRequest.dial(status.listen[0]).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 1000));
  assert.ok(
    !(await getPeers(api)).peers.some((p) => p.peerId === bigRequest.peerId()),
    "a banned peer got back in",
  );
  // The node is still up and answering.
  assert.equal((await getStatus(api)).height, 0);
});
