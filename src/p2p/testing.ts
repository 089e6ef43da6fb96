/**
 * Test helpers for the network layer: a ChainAccess over a real NodeService (mempool
 * admission, block import) on a TestChain, in-process networks on loopback, and waiting.
 * Shared with the multi-process integration tests.
 */
import "./polyfill.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import { generateKeyPair } from "@libp2p/crypto/keys";
import { peerIdFromString } from "@libp2p/peer-id";
import { type TCPSocketOptions, tcp } from "@libp2p/tcp";
import { lpStream } from "@libp2p/utils";
import { multiaddr } from "@multiformats/multiaddr";
import { createLibp2p, type Libp2p } from "libp2p";
import type { GenesisConfig } from "../chain/genesis.js";
import { Block, type Header, type Tx } from "../codec/schema.js";
import { Mempool } from "../mempool/mempool.js";
import { NodeService } from "../node/service.js";
import { TestChain, testGenesis, testKey } from "../testing/chain-harness.js";
import { waitUntil } from "../testing/wait.js";
import { createHost, type Host } from "./host.js";
import {
  decodeHeadersRequest,
  encodeHeadersRequest,
  encodeStatus,
  HEADERS_MAX_BYTES,
  HEADERS_REQUEST_BYTES,
  type PeerStatus,
  STATUS_BYTES,
} from "./messages.js";
import { Network } from "./network.js";
import { type ProtocolNames, protocolNames } from "./protocols.js";
import { requestOne } from "./request.js";
import type { ChainAccess, NetworkLog, NetworkOptions, Origin } from "./types.js";

/** A genesis for network tests: blocks from the future are fine (each TestChain has its own clock). */
export function networkTestGenesis(chainId?: string): GenesisConfig {
  const g = testGenesis({ maxFutureDrift: 1_000_000_000 });
  return chainId ? { ...g, chainId } : g;
}

/** ChainAccess over a NodeService; "local" submissions are announced to the network. */
export class ServiceChainAccess implements ChainAccess {
  readonly chainId: string;
  readonly genesisHash: Uint8Array;
  private readonly txListeners: ((bytes: Uint8Array) => void)[] = [];
  private readonly blockListeners: ((bytes: Uint8Array) => void)[] = [];

  constructor(readonly service: NodeService) {
    this.chainId = service.chain.chainId;
    this.genesisHash = service.chain.genesisHash();
  }

  head() {
    const h = this.service.chain.head();
    return { hash: h.hash, height: h.header.height, work: h.work };
  }

  headerAt(height: number): Header | undefined {
    const store = this.service.chain.store;
    const hash = store.mainHash(height);
    return hash ? store.record(hash)?.header : undefined;
  }

  blockBytesAt(height: number): Uint8Array | undefined {
    const store = this.service.chain.store;
    const hash = store.mainHash(height);
    return hash ? store.blockBytes(hash) : undefined;
  }

  async submitTx(bytes: Uint8Array, origin: Origin): Promise<{ hash: string }> {
    const res = await this.service.submitTx(bytes);
    if (origin === "local") for (const l of this.txListeners) l(bytes);
    return res;
  }

  async submitBlock(bytes: Uint8Array, origin: Origin, opts?: { provenWork?: bigint }) {
    const res = await this.service.submitBlock(bytes, origin, opts);
    if (origin === "local" && res.status === "head") for (const l of this.blockListeners) l(bytes);
    return res;
  }

  onLocalTx(listener: (bytes: Uint8Array) => void): void {
    this.txListeners.push(listener);
  }

  onLocalBlock(listener: (bytes: Uint8Array) => void): void {
    this.blockListeners.push(listener);
  }
}

/** Records log lines; prints nothing. */
export function memoryLog(): NetworkLog & { lines: { level: string; obj: object; msg: string }[] } {
  const lines: { level: string; obj: object; msg: string }[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: "info", obj, msg }),
    warn: (obj, msg) => lines.push({ level: "warn", obj, msg }),
    debug: (obj, msg) => lines.push({ level: "debug", obj, msg }),
  };
}

/** A chain, its service and its network, all in one temp directory. */
export class TestNode {
  private constructor(
    readonly test: TestChain,
    readonly access: ServiceChainAccess,
    readonly network: Network,
    readonly log: ReturnType<typeof memoryLog>,
    readonly p2pDir: string,
    private readonly ownsDir: boolean,
  ) {}

  static async start(
    opts: { genesis?: GenesisConfig; bootstrap?: string[]; p2pDir?: string; chainDir?: string } = {},
  ): Promise<TestNode> {
    const test = TestChain.create(opts.genesis ?? networkTestGenesis(), opts.chainDir);
    const service = new NodeService(
      test.chain,
      new Mempool({ maxTxs: 10_000, maxBytes: 1 << 26, maxPerSender: 100, replaceBumpPercent: 10 }),
    );
    const access = new ServiceChainAccess(service);
    const p2pDir = opts.p2pDir ?? mkdtempSync(join(tmpdir(), "telchain-p2p-"));
    const log = memoryLog();
    const netOpts: NetworkOptions = {
      listen: "127.0.0.1:0",
      bootstrap: opts.bootstrap ?? [],
      dir: p2pDir,
      log,
      maxBlockBytes: test.chain.params.maxBlockBytes + 1024,
    };
    let network: Network;
    try {
      network = await Network.start(access, netOpts);
    } catch (e) {
      await test.close();
      throw e;
    }
    return new TestNode(test, access, network, log, p2pDir, opts.p2pDir === undefined);
  }

  height(): number {
    return this.test.chain.height();
  }

  /** Mines a block on our head (with `txs`, by `miner`) and submits it as a local block. */
  async mine(txs: Tx[] = [], miner = testKey(9).pub): Promise<Block> {
    const block = this.test.template(txs, miner);
    await this.access.submitBlock(Block.serialize(block), "local");
    return block;
  }

  /** Mines `n` blocks without announcing them (as if mined while offline). */
  async mineQuietly(n: number, miner = testKey(9).pub): Promise<void> {
    for (let i = 0; i < n; i++)
      await this.access.submitBlock(Block.serialize(this.test.template([], miner)), "sync");
  }

  async stop(removeFiles = true): Promise<void> {
    await this.network.stop();
    await this.test.chain.idle();
    await this.test.close(removeFiles);
    if (removeFiles && this.ownsDir) rmSync(this.p2pDir, { recursive: true, force: true });
  }
}

/** Polls `cond` (which may be async) until it holds, failing after `timeoutMs` with `what`. */
export function waitFor(
  what: string,
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  return waitUntil(what, cond, { timeoutMs, pollMs: 50 });
}

/**
 * A bare libp2p host speaking telchain's gossip but running no chain: plays a misbehaving
 * peer in tests (publishes whatever bytes it is given, asks arbitrary requests).
 */
export class RawPeer {
  private constructor(
    readonly host: Host,
    readonly names: ProtocolNames,
    genesisHash: Uint8Array,
  ) {
    this.status = { genesisHash, headHash: genesisHash, height: 0, work: 0n };
  }

  /** Status it reports; starts at genesis `genesisHash` (so honest nodes talk to it). */
  status: PeerStatus;

  /** A peer of chain `chainId` whose genesis is `genesisHash`. */
  static async start(chainId: string, genesisHash: Uint8Array, maxBlockBytes = 1 << 20): Promise<RawPeer> {
    const host = await createHost({
      privateKey: await generateKeyPair("Ed25519"),
      listen: "127.0.0.1:0",
      maxBlockBytes,
      gater: {},
    });
    const peer = new RawPeer(host, protocolNames(chainId), genesisHash);
    await peer.serve(peer.names.status, STATUS_BYTES, () => [encodeStatus(peer.status)]);
    host.services.pubsub.subscribe(peer.names.txTopic);
    host.services.pubsub.subscribe(peer.names.blockTopic);
    return peer;
  }

  /** Answers every request on `protocol` with the frames `answer` returns. */
  async serve(protocol: string, maxRequestBytes: number, answer: (request: Uint8Array) => Uint8Array[]) {
    await this.serveAsync(protocol, maxRequestBytes, async (request) => answer(request));
  }

  /**
   * Answers every request on `protocol` with the frames `answer` resolves to; `undefined`
   * stalls: the stream stays open, unanswered, until the asker gives up (or a minute passes).
   */
  async serveAsync(
    protocol: string,
    maxRequestBytes: number,
    answer: (request: Uint8Array) => Promise<Uint8Array[] | undefined>,
  ) {
    await this.host.handle(
      protocol,
      async (stream) => {
        const lp = lpStream(stream, { maxDataLength: maxRequestBytes });
        const frames = await answer((await lp.read()).subarray());
        if (frames === undefined) {
          if (stream.status !== "open") return;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 60_000);
            stream.addEventListener(
              "close",
              () => {
                clearTimeout(timer);
                resolve();
              },
              { once: true },
            );
          });
          return;
        }
        for (const f of frames) await lp.write(f);
        await stream.close();
      },
      { force: true },
    );
  }

  /** Sends one request to a connected peer and returns its one answer frame. */
  request(
    peerId: string,
    protocol: string,
    payload: Uint8Array,
    maxAnswerBytes: number,
  ): Promise<Uint8Array> {
    return requestOne(this.host, peerIdFromString(peerId), protocol, payload, maxAnswerBytes);
  }

  peerId(): string {
    return this.host.peerId.toString();
  }

  async dial(addr: string): Promise<void> {
    await this.host.dial(multiaddr(addr), { signal: AbortSignal.timeout(5_000) });
  }

  listenAddrs(): string[] {
    return this.host.getMultiaddrs().map(String);
  }

  connectedTo(peerId: string): boolean {
    return this.host.getConnections(peerIdFromString(peerId)).length > 0;
  }

  /** Whether `peerId` is subscribed to our view of the `kind` topic (so a publish reaches it). */
  hears(peerId: string, kind: "tx" | "block"): boolean {
    const topic = kind === "tx" ? this.names.txTopic : this.names.blockTopic;
    return this.host.services.pubsub.getSubscribers(topic).some((p) => p.toString() === peerId);
  }

  /** Opens a `protocol` stream to `peerId` and sends `bytes` as they are (no length prefix added). */
  async sendRaw(peerId: string, protocol: string, bytes: Uint8Array): Promise<void> {
    const stream = await this.host.dialProtocol(peerIdFromString(peerId), protocol, {
      signal: AbortSignal.timeout(5_000),
    });
    stream.send(bytes);
  }

  /** Answers every request on `protocol` with `bytes` as they are (e.g. a bad length prefix). */
  async serveRaw(protocol: string, bytes: Uint8Array): Promise<void> {
    await this.host.handle(
      protocol,
      async (stream) => {
        stream.send(bytes);
        await stream.close().catch(() => undefined);
      },
      { force: true },
    );
  }

  async publish(kind: "tx" | "block", bytes: Uint8Array): Promise<void> {
    await this.host.services.pubsub.publish(
      kind === "tx" ? this.names.txTopic : this.names.blockTopic,
      bytes,
    );
  }

  async stop(): Promise<void> {
    await this.host.stop();
  }
}

/**
 * A libp2p host that connects (TCP, Noise, Yamux) but runs no protocol at all, identify
 * included: it holds a connection and never identifies. It dials from `localAddress` (any
 * 127.x.y.z on loopback), so one test can play peers at many IP addresses.
 */
export async function silentHost(localAddress?: string): Promise<Libp2p> {
  // net.connect takes localAddress; @libp2p/tcp passes its dial options through.
  const dialOpts = (localAddress ? { localAddress } : {}) as TCPSocketOptions;
  return createLibp2p({
    privateKey: await generateKeyPair("Ed25519"),
    transports: [tcp({ dialOpts })],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: {},
    connectionMonitor: { enabled: false },
  });
}

/** The varint length prefix of a frame announcing `n` bytes (as a peer would write it, or lie with it). */
export function lengthPrefix(n: number): Uint8Array {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Uint8Array.from(out);
}

/** What a sync staller was asked: fork-point probes it answered, headers requests it stalled or closed. */
export interface StallerCounts {
  probes: number;
  stalled: number;
}

/**
 * Makes `peer` the sync staller of issue 10 against `victim` (a peer id it is connected to):
 * its status claims far more work than anyone (with `newHeads`, a new head hash in every
 * status it sends, so a cooldown keyed by head does not hold it off); it answers the
 * fork-point probe (a one-header request) with the victim's own header, fetched from the
 * victim; every other headers request it leaves unanswered until the asker gives up
 * (`stall`) or closes at once without an answer (`close`).
 */
export async function playSyncStaller(
  peer: RawPeer,
  victim: string,
  opts: { mode: "stall" | "close"; newHeads: boolean; claimedHeight?: number },
): Promise<StallerCounts> {
  const counts: StallerCounts = { probes: 0, stalled: 0 };
  let heads = 0;
  const claim = (): PeerStatus => ({
    genesisHash: peer.status.genesisHash,
    headHash: new Uint8Array(32).fill(opts.newHeads ? (++heads % 255) + 1 : 1),
    height: opts.claimedHeight ?? 1_000_000,
    work: 1n << 200n,
  });
  peer.status = claim();
  await peer.serve(peer.names.status, STATUS_BYTES, () => {
    if (opts.newHeads) peer.status = claim();
    return [encodeStatus(peer.status)];
  });
  await peer.serveAsync(peer.names.headers, HEADERS_REQUEST_BYTES, async (bytes) => {
    const { start, count } = decodeHeadersRequest(bytes);
    if (count === 1) {
      counts.probes++;
      return [
        await peer.request(
          victim,
          peer.names.headers,
          encodeHeadersRequest({ start, count }),
          HEADERS_MAX_BYTES,
        ),
      ];
    }
    counts.stalled++;
    return opts.mode === "stall" ? undefined : [];
  });
  return counts;
}
