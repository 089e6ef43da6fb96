/**
 * The network layer: a libp2p host that gossips transactions and blocks, answers and
 * makes sync requests, scores peers, and keeps itself connected. The node sees it only
 * through this class; the chain is reached only through ChainAccess.
 */
import "./polyfill.js";
import { mkdirSync } from "node:fs";
import type { IdentifyResult } from "@libp2p/interface";
import { peerIdFromString } from "@libp2p/peer-id";
import { multiaddr } from "@multiformats/multiaddr";
import { ConnectionGuard, DEFAULT_CONNECTION_LIMITS } from "./connection-guard.js";
import { watchGossipFrames } from "./frames.js";
import { Gossip } from "./gossip.js";
import { createHost, type Host } from "./host.js";
import { loadOrCreateIdentity } from "./identity.js";
import { PENALTY_MALFORMED_MESSAGE, PENALTY_WRONG_NETWORK, PeerScores } from "./peer-scores.js";
import { PeerStore } from "./peer-store.js";
import { type ProtocolNames, protocolNames } from "./protocols.js";
import { DIAL_TIMEOUT_MS, Redialer } from "./redial.js";
import { Syncer } from "./sync.js";
import { SyncServer } from "./sync-server.js";
import type { ChainAccess, NetworkOptions, PeerView, SyncState } from "./types.js";

/** Longest a stop waits for libp2p to close its connections. */
const STOP_TIMEOUT_MS = 5_000;

export class Network {
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly host: Host,
    private readonly opts: NetworkOptions,
    private readonly names: ProtocolNames,
    readonly scores: PeerScores,
    private readonly gossip: Gossip,
    private readonly server: SyncServer,
    private readonly syncer: Syncer,
    private readonly peerStore: PeerStore,
    private readonly redialer: Redialer,
    private readonly guard: ConnectionGuard,
  ) {}

  static async start(chain: ChainAccess, opts: NetworkOptions): Promise<Network> {
    mkdirSync(opts.dir, { recursive: true });
    const privateKey = await loadOrCreateIdentity(opts.dir);
    const scores = new PeerScores();
    const limits = { ...DEFAULT_CONNECTION_LIMITS, ...opts.connectionLimits };
    const guard = new ConnectionGuard(limits, scores, opts.log);
    const host = await createHost({
      privateKey,
      listen: opts.listen,
      maxBlockBytes: opts.maxBlockBytes,
      gater: { ...scores.gater(), ...guard.gater() },
    });
    const names = protocolNames(chain.chainId);
    const log = opts.log;
    const parts = { host, chain, names, scores, log };
    const syncer = new Syncer(parts, opts.maxBlockBytes);
    const gossip = new Gossip(parts, (peer) => void syncer.refreshStatus(peer));
    const server = new SyncServer(parts, (peer, status) => syncer.noteStatus(peer, status));
    const peerStore = new PeerStore(opts.dir);
    const redialer = new Redialer(host, scores, log, () => [...opts.bootstrap, ...peerStore.addresses()]);
    const net = new Network(host, opts, names, scores, gossip, server, syncer, peerStore, redialer, guard);
    try {
      await net.wire();
    } catch (e) {
      await Promise.resolve(host.stop()).catch(() => undefined);
      throw e;
    }
    return net;
  }

  /** Registers everything before the host starts, so the first peer already meets all of it. */
  private async wire(): Promise<void> {
    const { host, scores, opts } = this;
    scores.onBan((peerId, reason) => {
      opts.log.warn({ peer: peerId, reason }, "banned peer");
      this.syncer.forget(peerId);
      host
        .hangUp(peerIdFromString(peerId))
        .catch((e) => opts.log.debug({ peer: peerId, err: (e as Error).message }, "hang up failed"));
    });
    host.addEventListener("peer:identify", (e) => this.onIdentify(e.detail));
    this.guard.attach(host);
    const watched = watchGossipFrames(host.services.pubsub, (peer, err) =>
      scores.penalize(peer.toString(), PENALTY_MALFORMED_MESSAGE, `oversize gossip frame: ${err.message}`),
    );
    if (!watched)
      opts.log.warn({}, "this gossipsub version cannot report oversize frames: they go unpenalised");
    host.addEventListener("peer:disconnect", (e) => {
      const id = e.detail.toString();
      this.syncer.forget(id);
      this.gossip.forget(id);
      this.server.forget(id);
    });
    this.gossip.install();
    await this.server.start();
    await host.start();
    this.gossip.subscribe();
    this.syncer.start();
    this.redialer.start();
  }

  private onIdentify(result: IdentifyResult): void {
    const id = result.peerId.toString();
    if (!result.protocols.includes(this.names.status)) {
      // Another chain (or not a telchain node): nothing to exchange with it.
      this.scores.penalize(id, PENALTY_WRONG_NETWORK, "peer does not speak this chain's protocols");
      return;
    }
    this.peerStore.remember(
      id,
      result.listenAddrs.map((a) => a.toString()),
    );
    void this.syncer.refreshStatus(result.peerId);
  }

  peerId(): string {
    return this.host.peerId.toString();
  }

  /** Full multiaddrs, including /p2p/<peerId>, that others can put in their bootstrap list. */
  listenAddrs(): string[] {
    const suffix = `/p2p/${this.peerId()}`;
    return this.host.getMultiaddrs().map((a) => {
      const s = a.toString();
      return s.endsWith(suffix) ? s : `${s}${suffix}`;
    });
  }

  peers(): PeerView[] {
    const seen = new Map<string, PeerView>();
    for (const conn of this.host.getConnections()) {
      const id = conn.remotePeer.toString();
      if (seen.has(id)) continue;
      seen.set(id, {
        peerId: id,
        address: conn.remoteAddr.toString(),
        score: Math.round(this.scores.score(id) * 10) / 10,
        height: this.syncer.statusOf(id)?.height ?? null,
        direction: conn.direction,
      });
    }
    return [...seen.values()];
  }

  /** Connects to a peer now (besides the bootstrap list and known peers). */
  async dial(addr: string): Promise<void> {
    await this.host.dial(multiaddr(addr), { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) });
  }

  /** Peers subscribed to our block topic: those a block published now reaches. */
  gossipPeers(): string[] {
    return this.host.services.pubsub.getSubscribers(this.names.blockTopic).map(String);
  }

  syncState(): SyncState {
    return this.syncer.state();
  }

  /** Stops timers, aborts requests in flight, closes every connection. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    this.redialer.stop();
    this.guard.stop();
    this.gossip.stop();
    await this.syncer.stop();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STOP_TIMEOUT_MS);
    });
    await Promise.race([Promise.resolve(this.host.stop()).catch(() => undefined), timeout]);
    clearTimeout(timer);
  }
}
