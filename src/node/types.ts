/**
 * What the node offers to its front ends (HTTP API, CLI banner). The API layer knows the
 * node only through this interface.
 */
import type { Module, QueryContext } from "../module/interface.js";
import type { PeerView } from "../p2p/types.js";
import type { StateProof } from "../state/proof.js";

export interface NodeStatus {
  chainId: string;
  genesisHash: string;
  height: number;
  headHash: string;
  /** Current difficulty relative to the genesis pow limit (target_limit / target), as a number. */
  difficulty: number;
  bits: string;
  /** Target of the next block (hex). */
  nextBits: string;
  peers: number;
  syncing: boolean;
  /** Height the node is syncing towards (equals height when not syncing). */
  targetHeight: number;
  /** libp2p peer id, or null without networking. */
  peerId: string | null;
  /** Full multiaddrs (with /p2p/<peerId>) others can pass to --peer. */
  listen: string[];
  mining: boolean;
  hashRate: number;
  mempool: { size: number; bytes: number };
  minFeePerByte: string;
}

export interface BlockView {
  hash: string;
  height: number;
  parent: string;
  timestamp: number;
  txRoot: string;
  stateRoot: string;
  bits: string;
  miner: string;
  nonce: string;
  size: number;
  reward: string;
  fees: string;
  /** Whether the block is on the main chain. */
  main: boolean;
  txs: string[];
}

export interface TxView {
  hash: string;
  status: "pending" | "included";
  height?: number;
  blockHash?: string;
  index?: number;
  sender: string;
  nonce: number;
  fee: string;
  expiry: number;
  module: string;
  kind: string;
  payload: unknown;
  size: number;
}

export interface AccountView {
  address: string;
  balance: string;
  nonce: number;
  /** Nonce to use for the next transaction, counting this account's pending ones. */
  pendingNonce: number;
}

export interface AccountProofView {
  address: string;
  height: number;
  headHash: string;
  stateRoot: string;
  /** Raw account record (hex) or null when the account does not exist. */
  account: AccountView | null;
  proof: StateProof;
}

export interface NodeApi {
  status(): NodeStatus;
  /** Height (decimal) or hash (hex). Throws TelchainError for malformed input; undefined if unknown. */
  block(heightOrHash: string): BlockView | undefined;
  tx(hash: string): TxView | undefined;
  /** Validates and adds a transaction to the mempool (gossips it later). */
  submitTx(bytes: Uint8Array): Promise<{ hash: string }>;
  /** Imports a block (e.g. mined elsewhere). */
  submitBlock(bytes: Uint8Array): Promise<{ hash: string; status: "head" | "side" | "known" }>;
  account(address: string): AccountView;
  accountProof(address: string): AccountProofView;
  /** Recent mempool entries (hash list), bounded. */
  mempool(limit: number): { size: number; bytes: number; txs: string[] };
  modules(): Module[];
  /** Connected peers (empty without networking). */
  peers(): PeerView[];
  queryContext(module: string): QueryContext;
}

export interface NodeOptions {
  dev: boolean;
  datadir: string;
  api: { host: string; port: number };
  /** HOST:PORT for libp2p (TCP); dev default: the API port + 1. */
  p2p?: string;
  /** Bootstrap peers (multiaddrs with /p2p/<id>). */
  peers?: string[];
  /** Values of the flags modules add to `telchain node` (e.g. dns), by flag name. */
  moduleOptions?: Record<string, string | undefined>;
  mine: boolean;
  /** Path of a genesis JSON file; the dev genesis is built in. */
  genesisFile?: string;
  /** Address that receives block rewards (dev default: dev9). */
  coinbase?: string;
  logFormat?: "human" | "json";
  /** Mining threads (default 1). */
  minerThreads?: number;
  logLevel?: string;
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
