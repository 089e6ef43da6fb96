/**
 * The module interface: the only way the core learns about an application (coin, enum,
 * numbers, devices, ...). A module owns a key prefix of the state, declares its
 * transaction kinds, and may contribute genesis state, HTTP routes and CLI commands.
 * See docs/modules.md.
 */
import type { Type } from "@chainsafe/ssz";
import type { Command } from "commander";
import type { FastifyInstance } from "fastify";
import type { ChainParams } from "../chain/params.js";
import type { TxBody } from "../codec/schema.js";
import type { ErrorCatalogue } from "../errors.js";
import type { StateReader, StateView } from "../state/view.js";
import type { ModuleCall } from "./kind.js";
import type { ModuleList } from "./list.js";
import type { ModuleLookup } from "./lookup.js";
import type { ModuleProof } from "./proof.js";

/** Balances and nonces are core state; modules move coins through this keeper. */
export interface AccountsKeeper {
  balance(address: Uint8Array): bigint;
  /**
   * Throws ACCOUNT_INSUFFICIENT_FUNDS when the balance is too low, ACCOUNT_LOCKED when the
   * account is locked at the block's height (guardians locked it: nothing leaves it).
   */
  debit(address: Uint8Array, amount: bigint): void;
  credit(address: Uint8Array, amount: bigint): void;
  /** The key whose signatures the chain accepts for the address (the address itself until rotated). */
  authorisingKey(address: Uint8Array): Uint8Array;
  /** The account is locked at heights below this one (0: never locked). */
  lockedUntil(address: Uint8Array): number;
  /** The account's published X25519 memo key, if any. */
  memoKey(address: Uint8Array): Uint8Array | undefined;
}

/**
 * Who may act for an account: rotate its authorising key, lock it, publish its memo key. Only
 * modules that declare `accountControl: true` (the core's account module, recovery) get it
 * (TxContext.accountControl); each checks its own rules before it calls.
 */
export interface AccountControl {
  setAuthorisingKey(address: Uint8Array, key: Uint8Array): void;
  /** Locks the account at heights below `untilHeight` (0 unlocks). */
  lock(address: Uint8Array, untilHeight: number): void;
  setMemoKey(address: Uint8Array, key: Uint8Array): void;
}

export interface BlockInfo {
  chainId: string;
  height: number;
  timestamp: number;
  params: ChainParams;
}

export interface TxContext {
  block: BlockInfo;
  /** The signer's address (its Ed25519 public key). */
  sender: Uint8Array;
  txHash: Uint8Array;
  /** This module's own state, keys relative to its prefix. */
  state: StateView;
  accounts: AccountsKeeper;
  /** Only for modules that declare `accountControl: true`; undefined for all others. */
  accountControl?: AccountControl;
  /**
   * The read-only keeper another module exports (Module.keeper), over that module's state
   * in this transaction. The caller names the interface it expects (its own
   * expected-keepers.ts); it never reads another module's raw keys.
   */
  keeper<K>(module: string): K;
  /**
   * The write keeper another module exports (Module.writeKeeper): the few operations by which
   * that module lets others move what it holds (e.g. vouchers' units into a market's escrow),
   * applied to the state of this transaction. Named by the consumer's expected-keepers.ts too.
   */
  writeKeeper<K>(module: string): K;
}

/** What a module's end-of-block step gets: like a transaction, without a sender. */
export interface EndBlockContext {
  block: BlockInfo;
  /** This module's own state, keys relative to its prefix. */
  state: StateView;
  accounts: AccountsKeeper;
  keeper<K>(module: string): K;
  writeKeeper<K>(module: string): K;
}

/**
 * A transaction kind. The payload is decoded strictly (SSZ), then `parse` turns it into
 * typed, validated arguments ONCE — without state — and the same arguments reach `apply`.
 * Write kinds with defineKind (src/module/kind.ts).
 */
export interface TxKind<P = unknown, A = P> {
  /** SSZ schema of the payload; decoding is strict. */
  payload: Type<P>;
  /** Stateless checks and parsing of the payload; throw a TelchainError to refuse. */
  parse(payload: P, tx: TxBody): A;
  /** Stateful execution; throw a TelchainError to refuse (the transaction's writes are discarded). */
  apply(ctx: TxContext, args: A): void;
  /** JSON form of a payload for the API and CLI (defaults to the SSZ type's toJson). */
  toJSON?(payload: P): unknown;
  /**
   * The addresses, other than the sender, that a transaction concerns — a transfer's
   * recipient, an offer's buyer — from its parsed arguments (stateless, like parse). The
   * transaction is listed in their history (GET /v1/accounts/:address/txs) as received.
   */
  parties?(args: A): Uint8Array[];
  /**
   * The kind may be sent by an account that is locked (guardian recovery: the owner's veto).
   * Every other kind from a locked sender is refused with ACCOUNT_LOCKED.
   */
  allowedWhileLocked?: boolean;
}

export interface GenesisContext {
  chainId: string;
  params: ChainParams;
  state: StateView;
  accounts: AccountsKeeper;
}

/** What a module's HTTP routes and queries can read: the state at the current head. */
export interface QueryContext {
  chainId(): string;
  height(): number;
  /** Timestamp (seconds) of the head block. */
  timestamp(): number;
  params(): ChainParams;
  /** This module's state at the head. */
  state(): StateReader;
  /** Another module's keeper at the head (see TxContext.keeper). */
  keeper<K>(module: string): K;
  /**
   * The key whose signatures the chain accepts for `address` at the head (the address itself
   * until a rotation): what off-chain signatures of the account, such as a channel's vouchers,
   * are checked against.
   */
  authorisingKey(address: Uint8Array): Uint8Array;
  /**
   * Up to `limit` entries of this module's state whose keys start with `prefix`, in key order;
   * with `after` (a key, e.g. the last of the previous page), only the keys greater than it.
   */
  scan(prefix: Uint8Array, limit: number, after?: Uint8Array): { key: Uint8Array; value: Uint8Array }[];
}

/** A command-line flag a module adds to `telchain node` (e.g. the ENUM module's --dns). */
export interface NodeFlag {
  /** Commander syntax, e.g. "--dns <host:port>". */
  flags: string;
  description: string;
  /** Key under which the value reaches ModuleRuntime.options, e.g. "dns". */
  name: string;
  /**
   * The value with --dev when the flag is not given, derived from the node's API address so
   * that every port a dev node opens follows its --api port (e.g. the ENUM DNS port).
   */
  devDefault?(api: { host: string; port: number }): string;
}

/**
 * A counter a module declares (Module.metrics). The node exposes it on GET /metrics as
 * `telchain_<module>_<name>_total`, with the declared label names. Name and labels are
 * lowercase snake_case (`[a-z][a-z0-9_]*`), the name without the `_total` suffix.
 */
export interface ModuleMetric {
  name: string;
  help: string;
  labels?: string[];
}

/**
 * Increments a module's declared counters. Only a module's services get it (ModuleRuntime):
 * kinds run during block execution, block templates and mempool dry-runs, so they would
 * count one event several times. (Transactions included per module and kind the node counts itself.)
 * Incrementing an undeclared counter or label throws.
 */
export interface ModuleCounters {
  inc(name: string, labels?: Record<string, string>, by?: number): void;
}

/**
 * The blocks of one head change: `connected` joined the main chain in order, `disconnected`
 * left it (a reorg). A service that keeps answers derived from the state (the ENUM DNS
 * server) drops only those the transactions named, and everything on a reorg.
 */
export interface HeadChange {
  connected: readonly { txs: readonly { body: Pick<TxBody, "module" | "kind" | "payload"> }[] }[];
  disconnected: readonly unknown[];
}

/** What a module's long-running service (e.g. a DNS server) gets from the node. */
export interface ModuleRuntime {
  query: QueryContext;
  /** Values of the module's NodeFlags, by name (undefined when not given). */
  options: Record<string, string | undefined>;
  dev: boolean;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /**
   * Called after every change of the head (new block or reorg), with the new height and the
   * blocks that joined and left the main chain (absent when unknown: assume anything changed).
   */
  onHead(listener: (height: number, change?: HeadChange) => void): void;
  /** The module's declared counters (Module.metrics). */
  metrics: ModuleCounters;
}

export interface ModuleService {
  stop(): Promise<void>;
}

/** A module call to sign as `from` and submit to the node at `apiUrl`. */
export interface SubmitCallInput extends ModuleCall {
  from: string;
  apiUrl: string;
  /** Wait until the transaction is in a block. */
  wait: boolean;
}

export interface SubmitCallResult {
  hash: string;
  /** "included" (with height) or "pending". */
  status: string;
  height?: number;
}

/** What a module's CLI commands get: an API client and a way to sign and submit calls. */
export interface CliContext {
  /** Builds, signs (as `from`), submits and optionally waits for a module call. */
  submit(opts: SubmitCallInput): Promise<SubmitCallResult>;
  /** GET a JSON resource from the node's API. */
  get(apiUrl: string, path: string): Promise<unknown>;
  /** Prints a result: the object as JSON with --json, else the human text. */
  print(json: boolean, value: unknown, human: () => string): void;
  /**
   * Another module's call from the JSON form of its payload (as the API shows payloads), built
   * through the module list: how one module's command (e.g. a service client that opens a
   * payment channel) makes another module's calls without importing its folder. Throws
   * TX_UNKNOWN_MODULE / TX_UNKNOWN_KIND, or the payload type's error for bad JSON.
   */
  callByName(module: string, kind: string, json: unknown): ModuleCall;
}

export interface Module {
  /** Lowercase name; also the module's state prefix and the `module` field of its transactions. */
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: each kind has its own payload and argument types
  kinds: Record<string, TxKind<any, any>>;
  /** The codes this module refuses with, each with its class and description. */
  errors?: ErrorCatalogue;
  /**
   * The module's kinds may rotate keys, lock accounts and publish memo keys of the accounts
   * their rules allow (TxContext.accountControl). Only the core account module and recovery.
   */
  accountControl?: boolean;
  /**
   * The read-only keeper other modules receive through ctx.keeper(name): built over this
   * module's own state (read-only) at the point of the caller.
   */
  keeper?(state: StateReader): unknown;
  /**
   * Operations that change this module's state which other modules' kinds and end-of-block
   * steps may call, through ctx.writeKeeper(name), like the Cosmos SDK's bank keeper: built
   * over this module's own state in the caller's transaction. Keep it small; each operation
   * checks its own rules (it is the module's code that writes its state, never the caller's).
   */
  writeKeeper?(state: StateView): unknown;
  /**
   * Runs after the block's transactions, in module-list order: deterministic, part of the
   * state transition (state root, undo). Its work per block must be bounded by the module
   * (e.g. at most N entries per block), since no transaction pays for it.
   */
  endBlock?(ctx: EndBlockContext): void;
  /** Writes the module's genesis state from its section of the genesis config. */
  genesis?(ctx: GenesisContext, config: unknown): void;
  /** The module's section of the dev chain's genesis (`node --dev`), if it needs one. */
  devGenesis?(): unknown;
  /** Registers HTTP routes (under /v1/...). */
  routes?(app: FastifyInstance, ctx: QueryContext): void;
  /** Records shown by id: each a GET route and a `telchain <command> show` (src/module/lookup.ts). */
  lookups?: ModuleLookup[];
  /** Paged lists: each a GET route and a `telchain <command> list` (src/module/list.ts). */
  lists?: ModuleList[];
  /**
   * Records that can be proven against a state root (src/module/proof.ts): served by
   * `GET /v1/proof/:module/:key?record=` and checked by the SDK's light client.
   */
  proofs?: ModuleProof[];
  /** Registers CLI commands on the root program. */
  cli?(program: Command, ctx: CliContext): void;
  /** Flags the module adds to `telchain node`. */
  nodeFlags?: NodeFlag[];
  /** Counters the module's services increment (ModuleRuntime.metrics), shown on GET /metrics. */
  metrics?: ModuleMetric[];
  /** Starts the module's services when the node starts (after the chain is open). */
  start?(rt: ModuleRuntime): Promise<ModuleService | undefined>;
}
