/**
 * What the node offers to its front ends (HTTP API, CLI banner). The API layer knows the
 * node only through this interface.
 */
import type { Page, PageQuery } from "../api/paging.js";
import type * as Views from "../api/schemas.js";
import type { Module, QueryContext } from "../module/interface.js";
import type { PeerView } from "../p2p/types.js";

/**
 * The views the node serves are the API's response schemas (src/api/schemas.ts), written
 * once as TypeBox schemas; these are their static types.
 */
export type AccountProofView = Views.AccountProofView;
export type AccountTxView = Views.AccountTxView;
export type AccountView = Views.AccountView;
export type BlockView = Views.BlockView;
export type ChainInfo = Views.ChainInfo;
export type HeadersView = Views.HeadersView;
export type MempoolView = Views.MempoolView;
export type ModuleProofView = Views.ModuleProofView;
export type NodeStatus = Views.NodeStatus;
export type SubmitBlockResult = Views.SubmitBlockResult;
export type SubmitTxResult = Views.SubmitTxResult;
export type TxView = Views.TxView;

export interface NodeApi {
  status(): NodeStatus;
  /** Height (decimal) or hash (hex). Throws TelchainError for malformed input; undefined if unknown. */
  block(heightOrHash: string): BlockView | undefined;
  tx(hash: string): TxView | undefined;
  /** Validates and adds a transaction to the mempool (gossips it later). */
  submitTx(bytes: Uint8Array): Promise<SubmitTxResult>;
  /** Imports a block (e.g. mined elsewhere). */
  submitBlock(bytes: Uint8Array): Promise<SubmitBlockResult>;
  account(address: string): AccountView;
  accountProof(address: string): AccountProofView;
  /**
   * A module's record by id (in the module's own terms) with its Merkle proof against the head's
   * state root; an absent record is value null with a proof of absence. `record` defaults to the
   * module's first proof. Throws PROOF_UNKNOWN_MODULE, PROOF_UNKNOWN_RECORD, or the record's
   * own code for a malformed id.
   */
  moduleProof(module: string, id: string, record?: string): ModuleProofView;
  /** Main-chain headers (SSZ, hex) from `from`, at most `count`, with the tip. Throws BAD_RANGE. */
  headers(from?: number, count?: number): HeadersView;
  /** Chain id, genesis and the consensus parameters a light client checks headers with. */
  chainInfo(): ChainInfo;
  /**
   * A page of the main-chain transactions an address sent or is a party of, newest first.
   * Throws ADDRESS_INVALID, BAD_CURSOR.
   */
  accountTxs(address: string, page: PageQuery): Page<AccountTxView>;
  /** Recent mempool entries (hash list), bounded. */
  mempool(limit: number): MempoolView;
  modules(): Module[];
  /** Connected peers (empty without networking). */
  peers(): PeerView[];
  queryContext(module: string): QueryContext;
}

export interface NodeOptions {
  dev: boolean;
  datadir: string;
  api: { host: string; port: number };
  /** API requests per client IP per minute (default 600). */
  apiRateLimit?: number;
  /** Apply the API rate limit to loopback clients too (default: they are exempt). */
  apiRateLimitLoopback?: boolean;
  /** Apply the per-IP cap on inbound peer connections to loopback peers too (default: exempt). */
  p2pLimitLoopback?: boolean;
  /** HOST:PORT for libp2p (TCP); dev default: the API port + 1. */
  p2p?: string;
  /** Bootstrap peers (multiaddrs with /p2p/<id>). */
  peers?: string[];
  /** Values of the flags modules add to `telchain node` (e.g. dns), by flag name. */
  moduleOptions?: Record<string, string | undefined>;
  mine: boolean;
  /**
   * Pace mining to the block time: wait until the head is a block time old, then search.
   * On by default with --dev (a quiet dev node: blocks every block time, almost no CPU).
   */
  pace?: boolean;
  /** Path of a genesis JSON file; the dev genesis is built in. */
  genesisFile?: string;
  /** Address that receives block rewards (dev default: dev9). */
  coinbase?: string;
  logFormat?: "human" | "json";
  /** Append the logs to this file instead of writing them to stdout (same format). */
  logFile?: string;
  /** Mining threads (default 1). */
  minerThreads?: number;
  logLevel?: string;
  /** GET /v1/health: blocks behind a heavier chain being imported that still count as ready (default 10). */
  healthMaxLag?: number;
}

export interface RunningNode {
  chainId: string;
  datadir: string;
  apiUrl: string;
  /** libp2p identity and full listen multiaddrs, when networking runs. */
  peerId: string | null;
  listen: string[];
  height(): number;
  stop(): Promise<void>;
}
