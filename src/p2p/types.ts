/**
 * What the network layer needs from the node, and what it offers back. The p2p code
 * knows the chain only through ChainAccess (implemented by the node's service).
 */
import { type Static, Type } from "@sinclair/typebox";
import type { Header } from "../codec/schema.js";
import type { ConnectionLimits } from "./connection-guard.js";

/** Where a transaction or block came from: only "local" ones are published by us. */
export type Origin = "local" | "peer" | "sync";

export interface ChainAccess {
  chainId: string;
  genesisHash: Uint8Array;
  /** Current head: hash, height and cumulative work. */
  head(): { hash: Uint8Array; height: number; work: bigint };
  /** Main-chain header at `height`, if any. */
  headerAt(height: number): Header | undefined;
  /** Encoded main-chain block at `height`, if any. */
  blockBytesAt(height: number): Uint8Array | undefined;
  /** Validates and admits a transaction; throws TelchainError with a code when refused. */
  submitTx(bytes: Uint8Array, origin: Origin): Promise<{ hash: string }>;
  /**
   * Validates and imports a block; throws TelchainError (e.g. BLOCK_UNKNOWN_PARENT) when refused.
   * `provenWork`: what sync proved by headers the block's branch carries from it on (the
   * chain's ImportOptions; lets the first blocks of a heavier branch past the side-chain rule).
   */
  submitBlock(
    bytes: Uint8Array,
    origin: Origin,
    opts?: { provenWork?: bigint },
  ): Promise<{ hash: string; status: "head" | "side" | "known" }>;
  /** Local transactions and blocks to publish (mined, or submitted through the API). */
  onLocalTx(listener: (bytes: Uint8Array) => void): void;
  onLocalBlock(listener: (bytes: Uint8Array) => void): void;
}

export interface NetworkLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface NetworkOptions {
  /** HOST:PORT to listen on (TCP). */
  listen: string;
  /** Multiaddrs (with /p2p/<id>) of bootstrap peers. */
  bootstrap: string[];
  /** Folder for the persistent identity key and the known-peers file. */
  dir: string;
  log: NetworkLog;
  /** Largest encoded block a peer may send (the chain's maxBlockBytes plus some slack). */
  maxBlockBytes: number;
  /** Inbound connection limits (connection-guard.ts); each defaults to its constant. */
  connectionLimits?: Partial<ConnectionLimits>;
}

/** A connected peer as the API shows it (GET /v1/peers). */
export const PeerViewSchema = Type.Object({
  peerId: Type.String(),
  address: Type.String(),
  score: Type.Number({
    description:
      "application score: starts at 0, lowered by misbehaviour; at or below the ban threshold the peer is disconnected",
  }),
  height: Type.Union([Type.Integer(), Type.Null()], {
    description: "height from the peer's last status message, if known",
  }),
  direction: Type.Union([Type.Literal("inbound"), Type.Literal("outbound")]),
});
export type PeerView = Static<typeof PeerViewSchema>;

/**
 * Where the syncer is: `idle`; `pending` (a peer claims more work: finding the fork point and
 * fetching its headers, which must prove that work; the miner keeps mining); `importing`
 * (headers proved a heavier branch: its blocks are being fetched and imported; the miner waits).
 */
export const SYNC_PHASES = ["idle", "pending", "importing"] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

export interface SyncState {
  /** True only while importing a heavier chain (phase `importing`). */
  syncing: boolean;
  phase: SyncPhase;
  height: number;
  targetHeight: number;
  /** Blocks per second over the current sync, 0 when idle. */
  rate: number;
}
