/**
 * The blockchain, as a thin coordinator: it opens the store (writing the genesis when empty),
 * serialises block imports, answers head queries and builds block templates. The work is done
 * elsewhere: stateless checks (validate-block.ts), header rules against the parent
 * (header-context.ts), the side-chain anti-DoS rule (side-chain.ts), fork choice
 * (fork-choice.ts), executing a head switch with the pure state transition (head-switch.ts,
 * state-transition.ts) and every write (chain-store.ts). An import runs every check a header
 * settles before it looks at a transaction (checkHeaderFirst).
 *
 * A block import (or a whole reorg) reaches the store in ONE atomic, durable write: blocks,
 * header records, state, commitment leaves, undo records, indexes (transactions, addresses)
 * and the head pointer together. A crash leaves either the old or the new head.
 */
import { equalBytes, toHex } from "../bytes.js";
import { txSlicesOfBlock } from "../codec/decode.js";
import { headerHash, txHashOfBytes } from "../codec/hashing.js";
import { Block, type Header } from "../codec/schema.js";
import type { SigCache } from "../crypto/sig-cache.js";
import { TelchainError } from "../errors.js";
import type { BlockInfo } from "../module/interface.js";
import type { ModuleRegistry } from "../module/registry.js";
import { authorisingKey } from "../state/account-auth.js";
import { StateDb } from "../state/state-db.js";
import { crashPoint } from "../storage/crash.js";
import type { KvStore } from "../storage/interface.js";
import { rebuildAddressIndex } from "./address-index.js";
import { buildBlockTemplate, type Template, type TemplateCandidate } from "./block-template.js";
import { ChainStore, type HeaderRecord, STATUS_INVALID, STATUS_VALID, workFromBytes } from "./chain-store.js";
import { forkPath, hasMoreWork } from "./fork-choice.js";
import type { GenesisConfig } from "./genesis.js";
import { buildGenesisBlock, genesisFingerprint, genesisRecord } from "./genesis-block.js";
import { prepareHeadSwitch } from "./head-switch.js";
import {
  checkHeaderContext,
  childRecord,
  expectedBits,
  type HeaderContext,
  medianTimePast,
} from "./header-context.js";
import type { ChainParams } from "./params.js";
import { checkSideBlock } from "./side-chain.js";
import { type TxSignatureVerifier, throwOnBadSignature } from "./signatures.js";
import { checkBlockHeader, checkBlockTxs } from "./validate-block.js";

export type { Template } from "./block-template.js";

export interface ImportResult {
  hash: Uint8Array;
  status: "head" | "side" | "known";
  /** Blocks added to the main chain, in order (empty unless status is "head"). */
  connected: Block[];
  /** Blocks removed from the main chain by a reorg, newest first. */
  disconnected: Block[];
}

export interface ImportOptions {
  /**
   * Work the caller has proven the block's branch carries from this block (included) on: the
   * sum of the work of the headers from it to the branch's end, each checked to link to the
   * previous one and to meet its own bits (sync passes it, headers first). Lets the side-chain
   * rule (side-chain.ts) store the first blocks of a heavier branch, which alone do not beat
   * the head. Absent for a block that came alone (gossip, API).
   */
  provenWork?: bigint;
}

export interface ChainOptions {
  store: KvStore;
  genesis: GenesisConfig;
  modules: ModuleRegistry;
  signatures: TxSignatureVerifier;
  /** Seconds since the epoch (injectable for tests). */
  now?: () => number;
  /**
   * Told the progress (blocks done, of the head's height) when opening a datadir made before
   * the address index indexes its main chain.
   */
  onIndexProgress?: (done: number, total: number) => void;
}

export class Chain {
  readonly chainId: string;
  readonly params: ChainParams;
  readonly genesis: GenesisConfig;
  readonly modules: ModuleRegistry;
  readonly store: ChainStore;
  readonly state: StateDb;
  readonly signatures: TxSignatureVerifier;
  /** Signatures verified by (transaction, key), shared by the pool and execution (TransitionContext). */
  readonly sigCache: SigCache;
  private readonly now: () => number;
  private readonly onIndexProgress?: (done: number, total: number) => void;
  private readonly headerContext: HeaderContext;
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
    this.sigCache = opts.signatures.cache;
    this.now = opts.now ?? (() => Math.floor(Date.now() / 1000));
    this.onIndexProgress = opts.onIndexProgress;
    this.headerContext = {
      params: this.params,
      genesisBits: this.genesis.bits,
      record: (h) => this.store.record(h),
    };
  }

  /** Opens the chain in `store`, writing the genesis block if the store is empty. */
  static open(opts: ChainOptions): Chain {
    const chain = new Chain(opts);
    const stored = chain.store.genesis();
    // Deriving the genesis state can be costly (e.g. 100,000 pre-registered numbers): when the
    // store already holds the genesis of this very config, trust it instead of rebuilding it.
    const fingerprint = genesisFingerprint(opts.genesis);
    const storedFingerprint = chain.store.genesisFingerprint();
    if (stored && storedFingerprint && equalBytes(storedFingerprint, fingerprint)) {
      chain.genesisHashValue = stored;
      return chain.openHead();
    }
    const { block, hash, changes } = buildGenesisBlock(opts.genesis, opts.modules);
    if (!stored) {
      const bytes = Block.serialize(block);
      const rec = genesisRecord(block.header, bytes.length);
      chain.store.writeGenesis({ hash, bytes, rec, fingerprint, state: chain.state.prepare(changes) });
    } else if (!equalBytes(stored, hash)) {
      throw new TelchainError(
        "GENESIS_MISMATCH",
        `the data directory holds a chain with genesis ${toHex(stored)}, but this config's genesis is ${toHex(hash)}`,
      );
    } else {
      chain.store.recordGenesisConfig(hash, fingerprint);
    }
    chain.genesisHashValue = hash;
    return chain.openHead();
  }

  /** Loads the head and checks the stored state against it; indexes an old datadir's addresses. */
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
    if (!this.store.addressIndexed())
      rebuildAddressIndex(this.store, this.modules, rec.header.height, this.onIndexProgress);
    return this;
  }

  // ---- queries -------------------------------------------------------------------------

  head(): { hash: Uint8Array; header: Header; work: bigint } {
    return { hash: this.headHash, header: this.headRecord.header, work: workFromBytes(this.headRecord.work) };
  }

  /** The head block's header alone (no work decoded): for callers on a hot path, e.g. a DNS answer's expiry check. */
  headHeader(): Header {
    return this.headRecord.header;
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
    return expectedBits(this.headerContext, parent);
  }

  /** The bits the next block on the current head must carry. */
  nextBits(): number {
    return this.expectedBits(this.headRecord);
  }

  /** Median of the timestamps of `parent` and its ancestors (medianTimeSpan of them). */
  medianTimePast(parentHash: Uint8Array): number {
    return medianTimePast(this.headerContext, parentHash);
  }

  // ---- import --------------------------------------------------------------------------

  /** Validates and imports a block; serialised with other imports. */
  importBlock(block: Block, bytes?: Uint8Array, opts: ImportOptions = {}): Promise<ImportResult> {
    const run = this.lock.then(() => this.importLocked(block, bytes ?? Block.serialize(block), opts));
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Resolves when no import is running. */
  async idle(): Promise<void> {
    await this.lock;
  }

  /**
   * The checks a block's header and size settle without its transactions, so a caller holding
   * only the encoded block can run them before decoding it: "known" when the block is stored
   * already; throws the refusal otherwise. Advisory: the import checks everything again.
   */
  checkHeader(h: Header, size: number, opts: ImportOptions = {}): "known" | "new" {
    return this.checkHeaderFirst(h, headerHash(h), size, opts) ? "new" : "known";
  }

  /**
   * Cheap checks first, in this order: known (or known invalid), version, size, proof of work,
   * parent known, the header's context (height, ASERT bits, timestamps), then the side-chain
   * rule for a block that does not beat the head. None of them touches a transaction. Returns
   * the new block's record, or undefined when the block is stored already.
   */
  private checkHeaderFirst(
    h: Header,
    hash: Uint8Array,
    size: number,
    opts: ImportOptions,
  ): HeaderRecord | undefined {
    const known = this.store.record(hash);
    if (known) {
      if (known.status === STATUS_INVALID) {
        throw new TelchainError("BLOCK_KNOWN_INVALID", `block ${toHex(hash)} was already found invalid`);
      }
      return undefined;
    }
    checkBlockHeader(h, hash, size, this.params);
    const parent = this.store.record(h.parent);
    if (!parent) {
      throw new TelchainError(
        "BLOCK_UNKNOWN_PARENT",
        `parent ${toHex(h.parent)} of block ${h.height} is unknown`,
      );
    }
    checkHeaderContext(this.headerContext, h, parent, this.now());
    const rec = childRecord(this.params, h, parent, size);
    if (!hasMoreWork(rec, this.headRecord)) {
      checkSideBlock(
        this.store,
        { hash: this.headHash, rec: this.headRecord },
        { hash, rec },
        opts.provenWork,
      );
    }
    return rec;
  }

  private async importLocked(
    block: Block,
    blockBytes: Uint8Array,
    opts: ImportOptions,
  ): Promise<ImportResult> {
    const hash = headerHash(block.header);
    const rec = this.checkHeaderFirst(block.header, hash, blockBytes.length, opts);
    if (!rec) return { hash, status: "known", connected: [], disconnected: [] };
    // Only now the transactions. Signatures are checked in the worker pool, against each
    // sender's authorising key at the head, while this thread checks the transactions (count,
    // duplicates, stateless checks, tx root) and executes the block (which verifies itself where
    // a key differs). A block refused by those checks only wasted the workers' time.
    const txBytes = txSlicesOfBlock(blockBytes, block.txs.length);
    const txHashes =
      block.txs.length <= this.params.maxBlockTxs ? txBytes.map((b) => txHashOfBytes(b)) : undefined;
    const signers = block.txs.map((tx) => authorisingKey(this.state, tx.body.sender));
    const signaturesChecked = txHashes
      ? this.signatures.failures(
          block.txs.map((tx, i) => ({ tx, bytes: txBytes[i], hash: txHashes[i], signer: signers[i] })),
        )
      : Promise.resolve([]);
    signaturesChecked.catch(() => undefined); // observed below; avoid an unhandled rejection meanwhile
    const checked = checkBlockTxs(block, txBytes, this.params, this.modules, txHashes);
    checked.forEach((c, i) => {
      c.signer = signers[i];
    });
    if (!hasMoreWork(rec, this.headRecord)) {
      // A side block's senders may have other keys on its branch: its signatures are checked
      // where they count, when the branch is executed (a reorg); here only cached.
      await signaturesChecked;
      this.store.storeSideBlock(hash, blockBytes, rec);
      return { hash, status: "side", connected: [], disconnected: [] };
    }
    const tip = { hash, rec, block, bytes: blockBytes, checked };
    let prepared: ReturnType<typeof prepareHeadSwitch>;
    try {
      const path = forkPath(this.store, { hash: this.headHash, rec: this.headRecord }, tip);
      prepared = prepareHeadSwitch(this.store, this.state, this, path, tip);
      // Remember the invalid block (and the new block that builds on it) so neither is retried.
      if (!prepared.ok) this.store.markInvalid(tip, prepared.invalid);
    } catch (e) {
      throwOnBadSignature(checked, await signaturesChecked); // a bad signature is the first reason to report
      throw e;
    }
    throwOnBadSignature(checked, await signaturesChecked);
    if (!prepared.ok) throw prepared.error;
    this.store.commitSwitch(prepared.commit);
    this.headHash = hash;
    this.headRecord = { ...rec, status: STATUS_VALID };
    return { hash, status: "head", connected: prepared.connected, disconnected: prepared.disconnected };
  }

  // ---- mining --------------------------------------------------------------------------

  /**
   * A block on the current head with as many of `candidates` (in order) as apply cleanly.
   * The nonce is left 0 for the proof-of-work search.
   */
  buildTemplate(miner: Uint8Array, candidates: readonly TemplateCandidate[]): Template {
    return buildBlockTemplate(
      this.state,
      this,
      {
        parent: this.headHash,
        height: this.headRecord.header.height + 1,
        timestamp: Math.max(this.now(), this.medianTimePast(this.headHash) + 1),
        bits: this.expectedBits(this.headRecord),
        miner,
      },
      candidates,
    );
  }
}
