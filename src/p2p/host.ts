/**
 * Builds the libp2p host: TCP, Noise, Yamux, identify, ping and gossipsub. Gossip messages
 * are unsigned (StrictNoSign) and identified by the SHA-256 of their data, so the same
 * transaction or block arriving from several peers is handled once.
 */
import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import { type GossipSub, gossipsub, StrictNoSign } from "@libp2p/gossipsub";
import { type Identify, identify } from "@libp2p/identify";
import type { ConnectionGater, PrivateKey } from "@libp2p/interface";
import { type Ping, ping } from "@libp2p/ping";
import { tcp } from "@libp2p/tcp";
import { createLibp2p, type Libp2p } from "libp2p";
import { sha256 } from "../crypto/hash.js";
import { TelchainError } from "../errors.js";

/**
 * libp2p's own bounds. All connections together (inbound ones are held below this by
 * connection-guard.ts; at this cap libp2p refuses newcomers and prunes).
 */
export const MAX_CONNECTIONS = 128;
/** Inbound connections still in their Noise/Yamux handshake; more are refused at once. */
export const MAX_PENDING_INBOUND = 32;
/** An inbound connection must finish its Noise and Yamux handshake within this. */
export const INBOUND_UPGRADE_TIMEOUT_MS = 5_000;
/** New inbound connections per second from one IP address (libp2p's rate limiter). */
export const INBOUND_CONNECTIONS_PER_IP_PER_SECOND = 5;
/** Room for gossipsub's RPC framing (and control messages) around the largest block. */
const GOSSIP_FRAME_SLACK = 64 * 1024;

export type Host = Libp2p<{ identify: Identify; ping: Ping; pubsub: GossipSub }>;

export interface HostOptions {
  privateKey: PrivateKey;
  /** HOST:PORT, IPv6 hosts in brackets ([::1]:7000). */
  listen: string;
  maxBlockBytes: number;
  gater: ConnectionGater;
}

/** `/ip4/HOST/tcp/PORT` (or /ip6/) from HOST:PORT. */
export function listenMultiaddr(listen: string): string {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+|localhost)):(\d{1,5})$/.exec(listen.trim());
  const port = m ? Number(m[3]) : -1;
  if (!m || port > 65_535) {
    throw new TelchainError(
      "P2P_BAD_LISTEN",
      `listen address "${listen}" is not HOST:PORT (e.g. 0.0.0.0:7000)`,
    );
  }
  if (m[1] !== undefined) return `/ip6/${m[1]}/tcp/${port}`;
  const host = m[2] === "localhost" ? "127.0.0.1" : m[2];
  return `/ip4/${host}/tcp/${port}`;
}

export async function createHost(opts: HostOptions): Promise<Host> {
  return createLibp2p({
    privateKey: opts.privateKey,
    addresses: { listen: [listenMultiaddr(opts.listen)] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: opts.gater,
    connectionManager: {
      maxConnections: MAX_CONNECTIONS,
      maxIncomingPendingConnections: MAX_PENDING_INBOUND,
      inboundUpgradeTimeout: INBOUND_UPGRADE_TIMEOUT_MS,
      inboundConnectionThreshold: INBOUND_CONNECTIONS_PER_IP_PER_SECOND,
    },
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: gossipsub({
        emitSelf: false,
        globalSignaturePolicy: StrictNoSign,
        msgIdFn: (msg) => sha256(msg.data),
        allowPublishToZeroTopicPeers: true,
        ignoreDuplicatePublishError: true,
        maxInboundDataLength: opts.maxBlockBytes + GOSSIP_FRAME_SLACK,
        // Every telchain node runs several peers on one machine in tests and devnets; do not
        // count loopback peers as an IP colocation (sybil) signal.
        scoreParams: { IPColocationFactorWhitelist: new Set(["127.0.0.1", "::1"]) },
      }),
    },
  });
}
