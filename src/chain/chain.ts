/**
 * The blockchain: genesis, block import with full validation, fork choice by cumulative
 * work, reorgs, and block templates for the miner.
 *
 * A block import (or a whole reorg) executes in an Overlay and reaches the store in ONE
 * atomic, durable write: blocks, header records, state, commitment leaves, undo records,
 * indexes and the head pointer together. A crash leaves either the old or the new head.
 */
import { equalBytes, u64be as mainKey, toHex } from "../bytes.js";
import { txSlicesOfBlock } from "../codec/decode.js";
import { headerHash, txHash as txHashOf } from "../codec/hashing.js";
import { Block, type Header, type Tx } from "../codec/schema.js";
import { encodeAddress } from "../crypto/address.js";
import { sha256, taggedHash, utf8 } from "../crypto/hash.js";
import { TelchainError } from "../errors.js";
import type { BlockInfo } from "../module/interface.js";
import { type ModuleRegistry, modulePrefix } from "../module/registry.js";
import { Accounts } from "../state/accounts.js";
import { keyBytes, Overlay, prefixedView } from "../state/overlay.js";
import { type PreparedState, StateDb } from "../state/state-db.js";
import { crashPoint } from "../storage/crash.js";
import type { KvStore } from "../storage/interface.js";
import { asertTarget } from "./asert.js";
import {
  ChainStore,
  type HeaderRecord,
  STATUS_INVALID,
  STATUS_STORED,
  STATUS_VALID,
  UndoRecord,
  workFromBytes,
  workToBytes,
} from "./chain-store.js";
import { bitsToTarget, targetToBits } from "./compact.js";
import { applyEndBlock, applyTx, type CheckedTx, checkTxStateless } from "./execute.js";
import { type GenesisConfig, genesisToJson } from "./genesis.js";
import { merkleRoot } from "./merkle.js";
import { blockReward, type ChainParams } from "./params.js";
import { workForBits } from "./pow.js";
import type { TxSignatureVerifier } from "./signatures.js";
import { BLOCK_VERSION, txError, validateBlockStateless } from "./validate-block.js";

export interface ImportResult {
  hash: Uint8Array;
  status: "head" | "side" | "known";
  /** Blocks added to the main chain, in order (empty unless status is "head"). */
  connected: Block[];
  /** Blocks removed from the main chain by a reorg, newest first. */
  disconnected: Block[];
}

export interface Template {
  block: Block;
  fees: bigint;
  /** Candidate transactions that failed to apply, with the reason. */
  rejected: { hash: Uint8Array; error: TelchainError }[];
}

export interface ChainOptions {
  store: KvStore;
  genesis: GenesisConfig;
  modules: ModuleRegistry;
  signatures: TxSignatureVerifier;
  /** Seconds since the epoch (injectable for tests). */
  now?: () => number;
}

const ZERO32 = new Uint8Array(32);

export class Chain {
  readonly chainId: string;
  readonly params: ChainParams;
  readonly genesis: GenesisConfig;
  readonly modules: ModuleRegistry;
  readonly store: ChainStore;
  readonly state: StateDb;
  readonly signatures: TxSignatureVerifier;
  private readonly now: () => number;
  private readonly powLimit: bigint;
  private headHash!: Uint8Array;
  private headRecord!: HeaderRecord;
  private genesisHashValue!: Uint8Array;
  /** Imports run one at a time. */
  private lock: Promise<unknown> = Promise.resolve();

  private constructor(opts: ChainOptions) {
    this.genesis = opts.genesis;
    this.chainId = opts.genesis.chainId;
    this.params = opts.genesis.params;
    this.modules = opts.modules;
    this.store = new ChainStore(opts.store);
    this.state = new StateDb(opts.store);
    this.signatures = opts.signatures;
    this.now = opts.now ?? (() => Math.floor(Date.now() / 1000));
    this.powLimit = bitsToTarget(this.params.powLimitBits);
  }

  /** Opens the chain in `store`, writing the genesis block if the store is empty. */
  static open(opts: ChainOptions): Chain {
    const chain = new Chain(opts);
    const stored = chain.store.genesis();
    // Deriving the genesis state can be costly (e.g. 100,000 pre-registered numbers): when the
    // store already holds the genesis of this very config, trust it instead of rebuilding it.
    const fingerprint = sha256(utf8(JSON.stringify(genesisToJson(opts.genesis, encodeAddress))));
    const storedFingerprint = chain.store.genesisFingerprint();
    if (stored && storedFingerprint && equalBytes(storedFingerprint, fingerprint)) {
      chain.genesisHashValue = stored;
      return chain.openHead();
    }
    const { block, hash, changes } = chain.buildGenesis();
    if (!stored) {
      const prepared = chain.state.prepare(changes);
      const rec: HeaderRecord = {
        header: block.header,
        work: workToBytes(workForBits(block.header.bits)),
        anchorTime: 0,
        status: STATUS_VALID,
        size: Block.serialize(block).length,
      };
      opts.store.write((batch) => {
        batch.put("blocks", hash, Block.serialize(block));
        chain.store.putRecord(batch, hash, rec);
        batch.put("main", mainKey(0), hash);
        prepared.write(batch);
        chain.store.setGenesis(batch, hash, fingerprint);
        chain.store.setHead(batch, hash);
      });
      prepared.commitTree();
    } else if (!equalBytes(stored, hash)) {
      throw new TelchainError(
        "GENESIS_MISMATCH",
        `the data directory holds a chain with genesis ${toHex(stored)}, but this config's genesis is ${toHex(hash)}`,
      );
    }
    if (stored) opts.store.write((batch) => chain.store.setGenesis(batch, hash, fingerprint));
    chain.genesisHashValue = hash;
    return chain.openHead();
  }

  /** Loads the head and checks the stored state against it. */
  private openHead(): Chain {
    crashPoint("recovery (opening the chain)");
    const head = this.store.head();
    const rec = head && this.store.record(head);
    if (!head || !rec) throw new TelchainError("STORE_CORRUPT", "the head pointer names no stored block");
    this.headHash = head;
    this.headRecord = rec;
    // The commitment is rebuilt from stored bucket hashes; it must match the head's header.
    if (!equalBytes(this.state.root(), rec.header.stateRoot)) {
      throw new TelchainError(
        "STORE_CORRUPT",
        `stored state root ${toHex(this.state.root())} does not match head ${rec.header.height} (${toHex(rec.header.stateRoot)})`,
      );
    }
    crashPoint("recovery (state checked)");
    return this;
  }

  /** The genesis block and its state changes, derived from the config alone. */
  private buildGenesis(): { block: Block; hash: Uint8Array; changes: Map<string, Uint8Array | null> } {
    const g = this.genesis;
    const overlay = new Overlay({ get: () => undefined });
    const accounts = new Accounts(overlay);
    for (const a of g.alloc) accounts.credit(a.address, a.balance);
    for (const m of this.modules.all()) {
      m.genesis?.(
        {
          chainId: g.chainId,
          params: g.params,
          state: prefixedView(overlay, modulePrefix(m.name)),
          accounts,
        },
        g.modules[m.name],
      );
    }
    for (const name of Object.keys(g.modules)) {
      if (!this.modules.get(name))
        throw new TelchainError("GENESIS_INVALID", `genesis names unknown module ${name}`);
    }
    const header: Header = {
      version: BLOCK_VERSION,
      // The genesis "parent" commits to the chain id, so each network has its own genesis hash.
      parent: taggedHash("telchain/genesis", utf8(g.chainId)),
      height: 0,
      timestamp: g.timestamp,
      txRoot: merkleRoot([]),
      stateRoot: StateDb.rootOf(overlay.changes),
      bits: g.bits,
      miner: ZERO32,
      nonce: 0n,
    };
    return { block: { header, txs: [] }, hash: headerHash(header), changes: overlay.changes };
  }

  // ---- queries -------------------------------------------------------------------------

  head(): { hash: Uint8Array; header: Header; work: bigint } {
    return { hash: this.headHash, header: this.headRecord.header, work: workFromBytes(this.headRecord.work) };
  }

  height(): number {
    return this.headRecord.header.height;
  }

  genesisHash(): Uint8Array {
    return this.genesisHashValue;
  }

  blockInfo(height: number, timestamp: number): BlockInfo {
    return { chainId: this.chainId, height, timestamp, params: this.params };
  }

  /** The bits a child of `parent` must carry (aserti3-2d anchored at block 1). */
  expectedBits(parent: HeaderRecord): number {
    if (parent.header.height === 0) return this.genesis.bits;
    const target = asertTarget(
      { height: 1, parentTime: parent.anchorTime, target: bitsToTarget(this.genesis.bits) },
      parent.header.height,
      parent.header.timestamp,
      { spacing: this.params.targetBlockTime, halfLife: this.params.halfLife, powLimit: this.powLimit },
    );
    return targetToBits(target);
  }

  /** The bits the next block on the current head must carry. */
  nextBits(): number {
    return this.expectedBits(this.headRecord);
  }

  /** Median of the timestamps of `parent` and its ancestors (medianTimeSpan of them). */
  medianTimePast(parentHash: Uint8Array): number {
    const times: number[] = [];
    let hash: Uint8Array | undefined = parentHash;
    while (hash && times.length < this.params.medianTimeSpan) {
      const rec = this.store.record(hash);
      if (!rec) break;
      times.push(rec.header.timestamp);
      hash = rec.header.height === 0 ? undefined : rec.header.parent;
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  }

  // ---- import --------------------------------------------------------------------------

  /** Validates and imports a block; serialised with other imports. */
  importBlock(block: Block, bytes?: Uint8Array): Promise<ImportResult> {
    const run = this.lock.then(() => this.importLocked(block, bytes ?? Block.serialize(block)));
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Resolves when no import is running. */
  async idle(): Promise<void> {
    await this.lock;
  }

  private async importLocked(block: Block, blockBytes: Uint8Array): Promise<ImportResult> {
    const size = blockBytes.length;
    const h = block.header;
    const hash = headerHash(h);
    const known = this.store.record(hash);
    if (known) {
      if (known.status === STATUS_INVALID) {
        throw new TelchainError("BLOCK_KNOWN_INVALID", `block ${toHex(hash)} was already found invalid`);
      }
      return { hash, status: "known", connected: [], disconnected: [] };
    }
    const txBytes = txSlicesOfBlock(blockBytes, block.txs.length);
    const checked = validateBlockStateless(block, hash, size, txBytes, this.params, this.modules);
    const parent = this.store.record(h.parent);
    if (!parent) {
      throw new TelchainError(
        "BLOCK_UNKNOWN_PARENT",
        `parent ${toHex(h.parent)} of block ${h.height} is unknown`,
      );
    }
    this.checkContext(h, parent);
    // Signatures are checked in the worker pool while this thread executes the block.
    const signaturesChecked = this.signatures.firstInvalid(checked).then((bad) => {
      if (bad >= 0) {
        throw new TelchainError(
          "BLOCK_BAD_SIGNATURE",
          `tx ${bad} (${toHex(checked[bad].hash)}) has an invalid signature`,
        );
      }
    });
    signaturesChecked.catch(() => undefined); // observed below; avoid an unhandled rejection meanwhile
    const rec: HeaderRecord = {
      header: h,
      work: workToBytes(workFromBytes(parent.work) + workForBits(h.bits)),
      anchorTime: h.height === 1 ? h.timestamp - this.params.targetBlockTime : parent.anchorTime,
      status: STATUS_STORED,
      size,
    };
    if (workFromBytes(rec.work) <= workFromBytes(this.headRecord.work)) {
      await signaturesChecked;
      this.store.kv.write((batch) => {
        batch.put("blocks", hash, blockBytes);
        this.store.putRecord(batch, hash, rec);
      });
      return { hash, status: "side", connected: [], disconnected: [] };
    }
    let commit: () => ImportResult;
    try {
      commit = this.prepareSwitch(block, hash, rec, blockBytes, checked);
    } catch (e) {
      await signaturesChecked; // a bad signature is the first reason to report
      throw e;
    }
    await signaturesChecked;
    return commit();
  }

  /** Header rules that depend on the parent: height, difficulty, timestamps. */
  private checkContext(h: Header, parent: HeaderRecord): void {
    if (parent.status === STATUS_INVALID) {
      throw new TelchainError("BLOCK_INVALID_PARENT", `parent ${toHex(h.parent)} is invalid`);
    }
    if (h.height !== parent.header.height + 1) {
      throw new TelchainError("BLOCK_BAD_HEIGHT", `height ${h.height}, parent is at ${parent.header.height}`);
    }
    const bits = this.expectedBits(parent);
    if (h.bits !== bits) {
      throw new TelchainError(
        "BLOCK_BAD_DIFFICULTY",
        `bits 0x${h.bits.toString(16)}, expected 0x${bits.toString(16)}`,
      );
    }
    const mtp = this.medianTimePast(h.parent);
    if (h.timestamp <= mtp) {
      throw new TelchainError(
        "BLOCK_TIME_TOO_OLD",
        `timestamp ${h.timestamp} is not after the median time past ${mtp}`,
      );
    }
    const limit = this.now() + this.params.maxFutureDrift;
    if (h.timestamp > limit) {
      throw new TelchainError(
        "BLOCK_TIME_TOO_NEW",
        `timestamp ${h.timestamp} is more than ${this.params.maxFutureDrift}s ahead (${limit})`,
      );
    }
  }

  /**
   * Prepares making `hash` the head: disconnects back to the fork point and connects the
   * new branch in an overlay, checking every state root. Returns the commit, which writes
   * it all in one atomic write. A block that fails here is recorded as invalid.
   */
  private prepareSwitch(
    block: Block,
    hash: Uint8Array,
    rec: HeaderRecord,
    blockBytes: Uint8Array,
    checked: CheckedTx[],
  ): () => ImportResult {
    // Walk both branches back to their common ancestor.
    const connect: { hash: Uint8Array; rec: HeaderRecord }[] = [{ hash, rec }];
    let a = { hash: rec.header.parent, rec: this.store.record(rec.header.parent) as HeaderRecord };
    let b = { hash: this.headHash, rec: this.headRecord };
    const disconnect: { hash: Uint8Array; rec: HeaderRecord }[] = [];
    const parentOf = (x: { rec: HeaderRecord }) => {
      const r = this.store.record(x.rec.header.parent);
      if (!r) throw new TelchainError("STORE_CORRUPT", `missing ancestor ${toHex(x.rec.header.parent)}`);
      return { hash: x.rec.header.parent, rec: r };
    };
    while (a.rec.header.height > b.rec.header.height) {
      connect.unshift(a);
      a = parentOf(a);
    }
    while (b.rec.header.height > a.rec.header.height) {
      disconnect.push(b);
      b = parentOf(b);
    }
    while (!equalBytes(a.hash, b.hash)) {
      connect.unshift(a);
      disconnect.push(b);
      a = parentOf(a);
      b = parentOf(b);
    }

    const overlay = new Overlay(this.state);
    const disconnectedBlocks: Block[] = [];
    for (const d of disconnect) {
      const undo = this.store.undo(d.hash);
      if (!undo) throw new TelchainError("STORE_CORRUPT", `no undo record for block ${toHex(d.hash)}`);
      for (const u of undo) {
        if (u.existed) overlay.set(u.key, u.value);
        else overlay.delete(u.key);
      }
      disconnectedBlocks.push(this.store.block(d.hash) as Block);
    }

    const connectedBlocks: Block[] = [];
    const connectedTxHashes: Uint8Array[][] = [];
    const undos: Uint8Array[] = [];
    let prepared: PreparedState | undefined;
    for (const c of connect) {
      const isNew = c.hash === hash;
      const bytes = isNew ? blockBytes : (this.store.blockBytes(c.hash) as Uint8Array);
      const blk = isNew ? block : Block.deserialize(bytes);
      try {
        const cks = isNew
          ? checked
          : validateBlockStateless(
              blk,
              c.hash,
              c.rec.size,
              txSlicesOfBlock(bytes, blk.txs.length),
              this.params,
              this.modules,
            );
        connectedTxHashes.push(cks.map((ck) => ck.hash));
        undos.push(this.executeBlock(overlay, blk, cks));
        prepared = this.state.prepare(overlay.changes);
        if (!equalBytes(prepared.root, blk.header.stateRoot)) {
          throw new TelchainError(
            "BLOCK_BAD_STATE_ROOT",
            `state root ${toHex(blk.header.stateRoot)} does not match the state after execution (${toHex(prepared.root)})`,
          );
        }
      } catch (e) {
        // Remember the invalid block (and the new block that builds on it) so neither is retried.
        this.store.kv.write((batch) => {
          if (!this.store.record(hash)) batch.put("blocks", hash, blockBytes);
          this.store.putRecord(batch, c.hash, { ...c.rec, status: STATUS_INVALID });
          if (!isNew) this.store.putRecord(batch, hash, { ...rec, status: STATUS_INVALID });
        });
        throw e;
      }
      connectedBlocks.push(blk);
    }

    const final = prepared as PreparedState;
    return () =>
      this.commitSwitch(
        hash,
        rec,
        blockBytes,
        final,
        disconnect,
        disconnectedBlocks,
        connect,
        connectedBlocks,
        connectedTxHashes,
        undos,
      );
  }

  private commitSwitch(
    hash: Uint8Array,
    rec: HeaderRecord,
    blockBytes: Uint8Array,
    final: PreparedState,
    disconnect: { hash: Uint8Array; rec: HeaderRecord }[],
    disconnectedBlocks: Block[],
    connect: { hash: Uint8Array; rec: HeaderRecord }[],
    connectedBlocks: Block[],
    connectedTxHashes: Uint8Array[][],
    undos: Uint8Array[],
  ): ImportResult {
    this.store.kv.write((batch) => {
      batch.put("blocks", hash, blockBytes);
      for (let i = 0; i < disconnect.length; i++) {
        const d = disconnect[i];
        batch.del("main", mainKey(d.rec.header.height));
        for (const tx of disconnectedBlocks[i].txs) batch.del("txindex", txHashOf(tx));
      }
      for (let i = 0; i < connect.length; i++) {
        const c = connect[i];
        this.store.putRecord(batch, c.hash, { ...c.rec, status: STATUS_VALID });
        batch.put("main", mainKey(c.rec.header.height), c.hash);
        batch.put("undo", c.hash, undos[i]);
        connectedTxHashes[i].forEach((txh, j) => {
          this.store.indexTx(batch, txh, c.hash, j);
        });
      }
      final.write(batch);
      this.store.setHead(batch, hash);
    });
    final.commitTree();
    this.headHash = hash;
    this.headRecord = { ...rec, status: STATUS_VALID };
    return { hash, status: "head", connected: connectedBlocks, disconnected: disconnectedBlocks };
  }

  /**
   * Executes a block's transactions and reward on `overlay`; returns the encoded undo
   * record (the values, before the block, of every key it changed).
   */
  private executeBlock(overlay: Overlay, block: Block, checked: CheckedTx[]): Uint8Array {
    const h = block.header;
    const blockState = overlay.child();
    const info = this.blockInfo(h.height, h.timestamp);
    let fees = 0n;
    for (let i = 0; i < checked.length; i++) {
      try {
        fees += applyTx(blockState, checked[i], info, this.modules);
      } catch (e) {
        txError(e, i, checked[i].hash);
      }
    }
    applyEndBlock(blockState, info, this.modules);
    new Accounts(blockState).credit(h.miner, blockReward(this.params, h.height) + fees);
    const undo = [];
    for (const k of blockState.changes.keys()) {
      const key = keyBytes(k);
      const old = overlay.get(key);
      undo.push({ key, existed: old ? 1 : 0, value: old ?? new Uint8Array(0) });
    }
    blockState.mergeInto(overlay);
    return UndoRecord.serialize(undo);
  }

  // ---- mining --------------------------------------------------------------------------

  /**
   * A block on the current head with as many of `candidates` (in order) as apply cleanly.
   * The nonce is left 0 for the proof-of-work search.
   */
  buildTemplate(
    miner: Uint8Array,
    candidates: { tx: Tx; bytes: Uint8Array; hash: Uint8Array; size: number }[],
  ): Template {
    const parent = this.headRecord;
    const height = parent.header.height + 1;
    const timestamp = Math.max(this.now(), this.medianTimePast(this.headHash) + 1);
    const info = this.blockInfo(height, timestamp);
    const overlay = new Overlay(this.state);
    const included: { tx: Tx; hash: Uint8Array }[] = [];
    const rejected: Template["rejected"] = [];
    let fees = 0n;
    let bytes = 200; // header and list overhead
    for (const c of candidates) {
      if (included.length >= this.params.maxBlockTxs || bytes + c.size + 4 > this.params.maxBlockBytes) break;
      try {
        const checked = checkTxStateless(c.tx, c.bytes, c.hash, this.params, this.modules);
        fees += applyTx(overlay, checked, info, this.modules);
        included.push(c);
        bytes += c.size + 4;
      } catch (e) {
        if (e instanceof TelchainError) rejected.push({ hash: c.hash, error: e });
        else throw e;
      }
    }
    applyEndBlock(overlay, info, this.modules);
    new Accounts(overlay).credit(miner, blockReward(this.params, height) + fees);
    const header: Header = {
      version: BLOCK_VERSION,
      parent: this.headHash,
      height,
      timestamp,
      txRoot: merkleRoot(included.map((t) => t.hash)),
      stateRoot: this.state.prepare(overlay.changes).root,
      bits: this.expectedBits(parent),
      miner,
      nonce: 0n,
    };
    return { block: { header, txs: included.map((t) => t.tx) }, fees, rejected };
  }
}
