/**
 * Connection floods against a real node process (issue 10, item 4): libp2p peers with fresh
 * ids that connect and never identify, more of them than the node has inbound slots, each
 * from its own loopback address, plus a dozen TCP sockets that never start the Noise
 * handshake from one address and a dozen from a dozen addresses. An honest newcomer must
 * still connect (identify and exchange status) within 5 s, and every attacker is gone soon
 * after: displaced by newcomers, closed at the identify deadline, refused by the per-IP cap,
 * or timed out in the handshake. The node runs with --p2p-limit-loopback, so each 127.x.y.z
 * address counts as one IP.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { getNetConfig } from "@libp2p/utils";
import { multiaddr } from "@multiformats/multiaddr";
import type { Libp2p } from "libp2p";
import { getPeers, getStatus } from "../../src/client/actions/index.js";
import { ApiClient } from "../../src/client/api-client.js";
import { encodeAddress } from "../../src/crypto/address.js";
import {
  IDENTIFY_DEADLINE_MS,
  MAX_INBOUND_CONNECTIONS,
  MAX_INBOUND_PER_IP,
} from "../../src/p2p/connection-guard.js";
import { INBOUND_UPGRADE_TIMEOUT_MS } from "../../src/p2p/host.js";
import { silentHost, TestNode, waitFor } from "../../src/p2p/testing.js";
import { testGenesis, testKey } from "../../src/testing/chain-harness.js";
import { type NodeProcess, writeGenesis } from "../../src/testing/node-process.js";
import { logLines, startTargetNode } from "../../src/testing/target-node.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-conns-"));
const genesis = testGenesis({ targetBlockTime: 1, halfLife: 20 });
const genesisFile = writeGenesis(dir, genesis);
const attackers: Libp2p[] = [];
const sockets: Socket[] = [];
let node: NodeProcess | undefined;
let newcomer: TestNode | undefined;

after(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(attackers.map((a) => Promise.resolve(a.stop()).catch(() => undefined)));
  await newcomer?.stop().catch(() => undefined);
  await node?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** A TCP socket from `localAddress` that never says a word; resolves with when it opened and closed. */
function silentSocket(port: number, localAddress: string): { opened: number; closed: Promise<number> } {
  const opened = Date.now();
  const s = connect({ host: "127.0.0.1", port, localAddress });
  sockets.push(s);
  s.on("error", () => undefined);
  return { opened, closed: new Promise((resolve) => s.once("close", () => resolve(Date.now()))) };
}

/** Runs `fn` over `items`, `width` at a time. */
async function inBatches<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

test("silent peers filling every inbound slot and silent sockets do not keep an honest newcomer out; all are evicted", async () => {
  // It mines paced (a block per block time, 1 s): the flood must not slow it down.
  const coinbase = encodeAddress(testKey(9).pub);
  node = await startTargetNode(dir, genesisFile, [
    ...["--mine", "--pace", "--coinbase", coinbase, "--p2p-limit-loopback", "--log-level", "debug"],
  ]);
  const api = new ApiClient(node.url);
  const status = await getStatus(api);
  const nodeAddr = multiaddr(status.listen[0]);
  const p2pPort = getNetConfig(nodeAddr).port as number;

  // More silent peers than inbound slots (and probation slots), each from its own address.
  const flood = MAX_INBOUND_CONNECTIONS + 16;
  for (let i = 0; i < flood; i++) attackers.push(await silentHost(`127.0.1.${i + 1}`));

  // A dozen sockets from one address, a few a second (libp2p refuses more than 5 a second
  // from one address on its own): the per-IP cap refuses those past MAX_INBOUND_PER_IP.
  const oneIp: { opened: number; closed: Promise<number> }[] = [];
  const opening = (async () => {
    for (let i = 0; i < 12; i++) {
      oneIp.push(silentSocket(p2pPort, "127.0.2.1"));
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  // A dozen more from a dozen addresses: they only hold handshake slots until the timeout.
  const manyIps = Array.from({ length: 12 }, (_, i) => silentSocket(p2pPort, `127.0.3.${i + 1}`));

  const floodStarted = Date.now();
  const heightBefore = (await getStatus(api)).height;
  let connected = 0;
  await inBatches(attackers, 4, async (a) => {
    await a.dial(nodeAddr, { signal: AbortSignal.timeout(10_000) }).then(
      () => connected++,
      () => undefined,
    );
  });
  await opening;
  const inboundBefore = (await getPeers(api)).peers.filter((p) => p.direction === "inbound").length;
  assert.ok(connected >= MAX_INBOUND_CONNECTIONS, `only ${connected} of ${flood} silent peers connected`);
  assert.ok(inboundBefore >= MAX_INBOUND_CONNECTIONS, `the slots were not full: ${inboundBefore}`);
  assert.ok(
    Date.now() - floodStarted < IDENTIFY_DEADLINE_MS,
    "the flood took longer than the identify deadline",
  );

  // The honest newcomer: dial, identify, exchange status.
  newcomer = await TestNode.start({ genesis });
  const newcomerId = newcomer.network.peerId();
  const t0 = Date.now();
  await newcomer.network.dial(status.listen[0]);
  await waitFor(
    "the node lists the newcomer with its status",
    async () => (await getPeers(api)).peers.some((p) => p.peerId === newcomerId && p.height !== null),
    10_000,
  );
  const elapsed = Date.now() - t0;
  assert.ok(elapsed < 5_000, `the newcomer took ${elapsed} ms to connect`);

  // Every silent peer is gone soon after (identify deadline plus the sweep), the newcomer stays.
  const attackerIds = new Set(attackers.map((a) => a.peerId.toString()));
  await waitFor(
    "every silent peer disconnected",
    async () =>
      attackers.every((a) => a.getConnections().length === 0) &&
      !(await getPeers(api)).peers.some((p) => attackerIds.has(p.peerId)),
    IDENTIFY_DEADLINE_MS + 15_000,
  );
  assert.ok(
    (await getPeers(api)).peers.some((p) => p.peerId === newcomerId),
    "the newcomer was evicted too",
  );
  // Mining went on at its pace through the whole attack (within 20%).
  const seconds = (Date.now() - floodStarted) / 1000;
  const rate = ((await getStatus(api)).height - heightBefore) / seconds;
  assert.ok(rate >= 0.8 / genesis.params.targetBlockTime, `${rate.toFixed(2)} blocks/s during the attack`);
  const closes = logLines<{ reason: string }>(node, "closing inbound connection").map((l) => l.reason);
  assert.ok(
    closes.some((r) => /displaced by a newcomer/.test(r)),
    "no silent peer was displaced",
  );
  assert.ok(
    closes.some((r) => /did not identify/.test(r)),
    "no silent peer was closed at the deadline",
  );

  // The sockets: those past the per-IP cap were refused at once, every one is closed by the
  // handshake timeout (plus slack for a loaded machine).
  const oneIpClosed = await Promise.all(oneIp.map((s) => s.closed.then((t) => t - s.opened)));
  const manyIpsClosed = await Promise.all(manyIps.map((s) => s.closed.then((t) => t - s.opened)));
  const refusedAtOnce = oneIpClosed.filter((ms) => ms < INBOUND_UPGRADE_TIMEOUT_MS / 2).length;
  assert.ok(
    refusedAtOnce >= 12 - MAX_INBOUND_PER_IP,
    `per-IP cap: closing times ${oneIpClosed.join(", ")} ms`,
  );
  for (const ms of [...oneIpClosed, ...manyIpsClosed])
    assert.ok(ms < INBOUND_UPGRADE_TIMEOUT_MS + 5_000, `${ms} ms`);
  console.log(
    `flood: ${connected}/${flood} silent peers connected, ${inboundBefore} inbound; newcomer in ${elapsed} ms; ` +
      `${rate.toFixed(2)} blocks/s over ${seconds.toFixed(1)} s; ` +
      `one-IP sockets closed after ${oneIpClosed.join(", ")} ms; many-IP sockets after ${manyIpsClosed.join(", ")} ms`,
  );
});
