/**
 * The node's service layer: admits transactions into the mempool, imports blocks, keeps
 * the mempool in step with the head, and answers the queries of the HTTP API.
 */

import { EventEmitter } from "node:events";
import { decodeCursor, type Page, type PageQuery, readPage } from "../api/paging.js";
import { equalBytes, fromHexOrUndefined, toHex } from "../bytes.js";
import { POSITION_BYTES, positionOf, ROLE_RECEIVED, ROLE_SELF, ROLE_SENT } from "../chain/address-index.js";
import type { Chain, ImportOptions, ImportResult } from "../chain/chain.js";
import { STATUS_VALID } from "../chain/chain-store.js";
import { bitsToTarget } from "../chain/compact.js";
import { applyTx, checkTxStateless, signatureRefusal } from "../chain/execute.js";
import { blockReward } from "../chain/params.js";
import { headQueryContext } from "../chain/query-context.js";
import { decodeBlock, decodeBlockHeader, decodeTx } from "../codec/decode.js";
import { headerHash, txHash, txHashOfBytes } from "../codec/hashing.js";
import { MAX_PAYLOAD_BYTES } from "../codec/limits.js";
import { Block, Tx } from "../codec/schema.js";
import { decodeAddress, encodeAddress } from "../crypto/address.js";
import { sigCacheKey } from "../crypto/sig-cache.js";
import { TelchainError } from "../errors.js";
import { entryFromTx, type Mempool, type MempoolEntry } from "../mempool/mempool.js";
import type { QueryContext } from "../module/interface.js";
import type { Origin, PeerView, SyncState } from "../p2p/types.js";
import { authorisingKey, memoKeyOf, readAuth } from "../state/account-auth.js";
import { accountKey, readAccount } from "../state/accounts.js";
import { Overlay } from "../state/overlay.js";
import { VERSION } from "../version.js";
import { chainInfo, headersFrom, moduleProof, proveStateKey } from "./proofs.js";
import type {
  AccountProofView,
  AccountTxView,
  AccountView,
  BlockView,
  ChainInfo,
  HeadersView,
  ModuleProofView,
  NodeApi,
  NodeStatus,
  TxView,
} from "./types.js";

const MAX_TX_BYTES = MAX_PAYLOAD_BYTES + 1024;
/** The roles of the address index, as the API names them. */
const ROLES = { [ROLE_SENT]: "sent", [ROLE_RECEIVED]: "received", [ROLE_SELF]: "self" } as const;
const decoder = new TextDecoder();

// A type alias, not an interface: EventEmitter<T> needs T to be indexable by event name.
export type ServiceEvents = {
  /** The head changed (after a block import). */
  head: [ImportResult];
  /** A transaction entered the mempool. */
  tx: [{ hash: Uint8Array; bytes: Uint8Array; origin: Origin }];
  /** A block was imported (mined here, submitted, gossiped or synced). */
  block: [{ bytes: Uint8Array; origin: Origin; status: ImportResult["status"]; seconds: number }];
};

/** What the service shows of the network layer (absent when the node runs without p2p). */
export interface NetworkView {
  peerId(): string;
  listenAddrs(): string[];
  peers(): PeerView[];
  syncState(): SyncState;
}

export class NodeService extends EventEmitter<ServiceEvents> implements NodeApi {
  /** Filled in by the miner and the network layer when they run. */
  mining = false;
  hashRate = (): number => 0;
  network?: NetworkView;

  constructor(
    readonly chain: Chain,
    readonly pool: Mempool,
  ) {
    super();
  }

  // ---- writes --------------------------------------------------------------------------

  async submitTx(bytes: Uint8Array, origin: Origin = "local"): Promise<{ hash: string }> {
    if (bytes.length > MAX_TX_BYTES) {
      throw new TelchainError("TX_OVERSIZE", `transaction is ${bytes.length} bytes, limit ${MAX_TX_BYTES}`);
    }
    const tx = decodeTx(bytes);
    const hash = txHashOfBytes(bytes);
    const hex = toHex(hash);
    if (this.pool.has(hash)) return { hash: hex };
    if (this.chain.store.txLocation(hash)) {
      throw new TelchainError("TX_ALREADY_INCLUDED", `transaction ${hex} is already in a block`);
    }
    const checked = checkTxStateless(tx, bytes, hash, this.chain.params, this.chain.modules);
    if (tx.body.expiry !== 0 && tx.body.expiry <= this.chain.height()) {
      throw new TelchainError("TX_EXPIRED", `transaction expired at height ${tx.body.expiry}`);
    }
    // Verified against the sender's authorising key at the head (its own key until a rotation).
    const signer = authorisingKey(this.chain.state, tx.body.sender);
    checked.signer = signer;
    const bad = await this.chain.signatures.firstInvalid([checked]);
    if (bad >= 0) throw signatureRefusal(tx.body.sender, signer);
    const acct = readAccount(this.chain.state, tx.body.sender);
    if (tx.body.nonce < acct.nonce) {
      throw new TelchainError(
        "TX_NONCE_TOO_LOW",
        `nonce ${tx.body.nonce} was already used (account nonce ${acct.nonce})`,
      );
    }
    if (acct.balance < tx.body.fee) {
      throw new TelchainError(
        "TX_INSUFFICIENT_FUNDS",
        `balance ${acct.balance} cannot pay the fee ${tx.body.fee}`,
      );
    }
    if (tx.body.nonce === acct.nonce) {
      // The next transaction of its sender: run it against the head state to refuse now
      // what a block would refuse later, with the module's own reason.
      const h = this.chain.headHeader();
      applyTx(
        new Overlay(this.chain.state),
        checked,
        this.chain.blockInfo(h.height + 1, h.timestamp),
        this.chain.modules,
        this.chain.sigCache,
      );
    }
    this.pool.add({ ...entryFromTx(tx, bytes, hash), signer }, acct.nonce);
    this.emit("tx", { hash, bytes, origin });
    return { hash: hex };
  }

  /**
   * Imports an encoded block. Cheap checks first: the header (the block's fixed-size first
   * field) is decoded alone and checked (known, proof of work, parent known, context, the
   * side-chain rule) before the transactions are decoded at all.
   */
  async submitBlock(
    bytes: Uint8Array,
    origin: Origin = "local",
    opts: ImportOptions = {},
  ): Promise<{ hash: string; status: "head" | "side" | "known" }> {
    const maxBytes = this.chain.params.maxBlockBytes + 1024;
    const header = decodeBlockHeader(bytes, maxBytes);
    if (this.chain.checkHeader(header, bytes.length, opts) === "known") {
      return { hash: toHex(headerHash(header)), status: "known" };
    }
    const block = decodeBlock(bytes, maxBytes);
    const res = await this.importBlock(block, bytes, origin, opts);
    return { hash: toHex(res.hash), status: res.status };
  }

  /** Imports a block and brings the mempool in line with the new head. */
  async importBlock(
    block: Block,
    bytes?: Uint8Array,
    origin: Origin = "local",
    opts: ImportOptions = {},
  ): Promise<ImportResult> {
    const encoded = bytes ?? Block.serialize(block);
    const started = performance.now();
    const res = await this.chain.importBlock(block, encoded, opts);
    const seconds = (performance.now() - started) / 1000;
    if (res.status === "head") this.afterHeadChange(res);
    if (res.status !== "known") this.emit("block", { bytes: encoded, origin, status: res.status, seconds });
    return res;
  }

  private afterHeadChange(res: ImportResult): void {
    const state = this.chain.state;
    const nonceOf = (sender: Uint8Array) => readAccount(state, sender).nonce;
    // A transaction signed by a key that was rotated away can never be included: dropped.
    const authorised = (e: MempoolEntry) =>
      !e.signer || equalBytes(e.signer, authorisingKey(state, e.sender));
    this.pool.prune(nonceOf, this.chain.height() + 1, authorised);
    // Transactions of blocks that left the main chain go back to the mempool.
    for (const block of res.disconnected) {
      for (const tx of block.txs) this.readmit(tx);
    }
    this.emit("head", res);
  }

  private readmit(tx: Tx): void {
    const bytes = Tx.serialize(tx);
    const hash = txHashOfBytes(bytes);
    if (this.chain.store.txLocation(hash)) return; // also in the new branch
    const acct = readAccount(this.chain.state, tx.body.sender);
    // Verified before under some key; trusted as signed by the key in force now only if that
    // pair was verified (else the block template verifies it when it tries it).
    const key = authorisingKey(this.chain.state, tx.body.sender);
    const signer = this.chain.sigCache.has(sigCacheKey(hash, key)) ? key : undefined;
    try {
      this.pool.add({ ...entryFromTx(tx, bytes, hash), signer }, acct.nonce);
      // Announce it again: peers on the winning branch may never have seen it.
      this.emit("tx", { hash, bytes, origin: "local" });
    } catch {
      // Stale nonce or full pool: dropped like any other invalid transaction.
    }
  }

  // ---- queries -------------------------------------------------------------------------

  status(): NodeStatus {
    const head = this.chain.head();
    const limit = bitsToTarget(this.chain.params.powLimitBits);
    const target = bitsToTarget(head.header.bits);
    const next = this.chain.nextBits();
    const sync = this.network?.syncState();
    return {
      chainId: this.chain.chainId,
      genesisHash: toHex(this.chain.genesisHash()),
      height: head.header.height,
      headHash: toHex(head.hash),
      difficulty: Number(limit / target),
      bits: `0x${head.header.bits.toString(16)}`,
      nextBits: `0x${next.toString(16)}`,
      peers: this.network?.peers().length ?? 0,
      syncing: sync?.syncing ?? false,
      syncPhase: sync?.phase ?? "idle",
      targetHeight: Math.max(sync?.targetHeight ?? 0, head.header.height),
      peerId: this.network?.peerId() ?? null,
      listen: this.network?.listenAddrs() ?? [],
      mining: this.mining,
      hashRate: Math.round(this.hashRate()),
      mempool: { size: this.pool.size(), bytes: this.pool.bytes() },
      minFeePerByte: this.chain.params.minFeePerByte.toString(),
      version: VERSION,
    };
  }

  /** Timestamp (unix seconds) of the head block. */
  headTimestamp(): number {
    return this.chain.headHeader().timestamp;
  }

  block(id: string): BlockView | undefined {
    let hash: Uint8Array | undefined;
    if (/^[0-9]{1,15}$/.test(id)) {
      hash = this.chain.store.mainHash(Number(id));
    } else {
      hash = id.length === 64 ? fromHexOrUndefined(id) : undefined;
      if (!hash)
        throw new TelchainError(
          "BAD_REQUEST",
          `"${id.slice(0, 80)}" is neither a height nor a 64-hex-digit block hash`,
        );
    }
    if (!hash) return undefined;
    const rec = this.chain.store.record(hash);
    const block = this.chain.store.block(hash);
    if (!rec || !block) return undefined;
    const h = block.header;
    const main = this.chain.store.mainHash(h.height);
    let fees = 0n;
    for (const tx of block.txs) fees += tx.body.fee;
    return {
      hash: toHex(hash),
      height: h.height,
      parent: toHex(h.parent),
      timestamp: h.timestamp,
      txRoot: toHex(h.txRoot),
      stateRoot: toHex(h.stateRoot),
      bits: `0x${h.bits.toString(16)}`,
      miner: encodeAddress(h.miner),
      nonce: h.nonce.toString(),
      size: rec.size,
      reward: blockReward(this.chain.params, h.height).toString(),
      fees: fees.toString(),
      main: rec.status === STATUS_VALID && main !== undefined && equalBytes(main, hash),
      txs: block.txs.map((tx) => toHex(txHash(tx))),
    };
  }

  tx(hashHex: string): TxView | undefined {
    const hash = hashHex.length === 64 ? fromHexOrUndefined(hashHex) : undefined;
    if (!hash) throw new TelchainError("BAD_REQUEST", "a transaction hash is 64 hex digits");
    const hex = toHex(hash);
    const pending = this.pool.get(hash);
    if (pending) return { ...this.describeTx(pending.tx, hex, pending.size), status: "pending" };
    const loc = this.chain.store.txLocation(hash);
    if (!loc) return undefined;
    const block = this.chain.store.block(loc.blockHash);
    const tx = block?.txs[loc.index];
    if (!block || !tx) return undefined;
    const size = Tx.serialize(tx).length;
    return {
      ...this.describeTx(tx, hex, size),
      status: "included",
      height: block.header.height,
      blockHash: toHex(loc.blockHash),
      index: loc.index,
    };
  }

  private describeTx(tx: Tx, hash: string, size: number): Omit<TxView, "status"> {
    const b = tx.body;
    let payload: unknown = toHex(b.payload);
    try {
      const { kind } = this.chain.modules.resolve(b.module, b.kind);
      const p = kind.payload.deserialize(b.payload);
      payload = kind.toJSON ? kind.toJSON(p) : kind.payload.toJson(p);
    } catch {
      // Unknown kind or undecodable payload: show the raw hex.
    }
    return {
      hash,
      sender: encodeAddress(b.sender),
      nonce: b.nonce,
      fee: b.fee.toString(),
      expiry: b.expiry,
      module: decoder.decode(b.module),
      kind: decoder.decode(b.kind),
      payload,
      size,
    };
  }

  account(address: string): AccountView {
    const addr = decodeAddress(address);
    const acct = readAccount(this.chain.state, addr);
    const auth = readAuth(this.chain.state, addr);
    const memoKey = memoKeyOf(auth);
    return {
      address: encodeAddress(addr),
      balance: acct.balance.toString(),
      nonce: acct.nonce,
      pendingNonce: this.pool.pendingNonce(addr, acct.nonce),
      authorisingKey: encodeAddress(auth.key),
      rotated: !equalBytes(auth.key, addr),
      lockedUntil: auth.lockedUntil,
      locked: this.chain.height() + 1 < auth.lockedUntil,
      memoKey: memoKey ? toHex(memoKey) : null,
    };
  }

  accountProof(address: string): AccountProofView {
    const addr = decodeAddress(address);
    const { value, proof, block } = proveStateKey(this.chain, accountKey(addr));
    return {
      address: encodeAddress(addr),
      height: block.height,
      headHash: block.hash,
      stateRoot: block.stateRoot,
      account: value ? this.account(address) : null,
      proof,
    };
  }

  moduleProof(module: string, id: string, record?: string): ModuleProofView {
    return moduleProof(this.chain, this.chain.modules.get(module), module, id, record);
  }

  headers(from?: number, count?: number): HeadersView {
    return headersFrom(this.chain, from, count);
  }

  chainInfo(): ChainInfo {
    return chainInfo(this.chain);
  }

  accountTxs(address: string, query: PageQuery): Page<AccountTxView> {
    const addr = decodeAddress(address);
    if (query.cursor !== undefined && decodeCursor(query.cursor).length !== POSITION_BYTES)
      throw new TelchainError("BAD_CURSOR", "cursor must be the `next` of an earlier page of this list");
    const store = this.chain.store;
    const blocks = new Map<number, { hash: Uint8Array; block: Block } | undefined>();
    const mainBlock = (height: number) => {
      if (!blocks.has(height)) {
        const hash = store.mainHash(height);
        const block = hash && store.block(hash);
        blocks.set(height, hash && block ? { hash, block } : undefined);
      }
      return blocks.get(height);
    };
    return readPage({ scan: (...a) => store.scanAddressIndex(...a) }, addr, query, (rest, value) => {
      const { height, index } = positionOf(rest);
      const main = mainBlock(height);
      const tx = main?.block.txs[index];
      if (!main || !tx) return undefined; // the index is written with the main chain: not reached
      return {
        ...this.describeTx(tx, toHex(value.subarray(1)), Tx.serialize(tx).length),
        height,
        index,
        blockHash: toHex(main.hash),
        timestamp: main.block.header.timestamp,
        role: ROLES[value[0] as keyof typeof ROLES],
      };
    });
  }

  mempool(limit: number): { size: number; bytes: number; txs: string[] } {
    const txs: string[] = [];
    for (const e of this.pool.entries()) {
      if (txs.length >= limit) break;
      txs.push(toHex(e.hash));
    }
    return { size: this.pool.size(), bytes: this.pool.bytes(), txs };
  }

  modules() {
    return this.chain.modules.all();
  }

  peers(): PeerView[] {
    return this.network?.peers() ?? [];
  }

  queryContext(name: string): QueryContext {
    return headQueryContext(this.chain, name);
  }
}
