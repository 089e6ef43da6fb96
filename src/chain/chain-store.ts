/**
 * Typed access to the chain's buckets: header records, blocks, the main-chain index,
 * the transaction index, undo records and the head pointer.
 *
 * The ChainStore owns every write to them. Each write method is ONE atomic, durable
 * `kv.write`: a genesis, a side block, an invalid mark, or a whole head switch (blocks, header
 * records, state and commitment, undo records, tx index, address index and head pointer
 * together), so a crash leaves either the old or the new head.
 */
import { ByteListType, ContainerType, ListCompositeType, UintNumberType, type ValueOf } from "@chainsafe/ssz";
import { u64be } from "../bytes.js";
import { Block, Bytes32, Header, Uint32 } from "../codec/schema.js";
import { TelchainError } from "../errors.js";
import type { PreparedState } from "../state/state-db.js";
import type { KvStore, WriteBatch } from "../storage/interface.js";
import { scanPrefix } from "../storage/scan.js";
import type { AddressIndexEntry } from "./address-index.js";
import type { UndoEntry } from "./block-execution.js";

/** Header plus what the node derives for it. */
export const HeaderRecord = new ContainerType(
  {
    header: Header,
    /** Cumulative work up to and including this block (big-endian 256-bit). */
    work: Bytes32,
    /** ASERT anchor time of this block's branch (block 1's timestamp minus the spacing). */
    anchorTime: new UintNumberType(8),
    /** 0: stored, state not yet validated; 1: valid (was connected); 2: invalid. */
    status: new UintNumberType(1),
    size: Uint32,
  },
  { typeName: "HeaderRecord" },
);

export type HeaderRecord = ValueOf<typeof HeaderRecord>;

export const STATUS_STORED = 0;
export const STATUS_VALID = 1;
export const STATUS_INVALID = 2;

/** Previous values of the keys a block changed: enough to disconnect it exactly. */
export const UndoRecord = new ListCompositeType(
  new ContainerType({
    key: new ByteListType(1024),
    existed: new UintNumberType(1),
    value: new ByteListType(1 << 20),
  }),
  1 << 20,
);

export function workToBytes(w: bigint): Uint8Array {
  const b = new Uint8Array(32);
  let v = w;
  for (let i = 31; i >= 0; i--) {
    b[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return b;
}

export function workFromBytes(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

/** Everything a head switch (one block, or a whole reorg) writes, in one batch. */
export interface HeadCommit {
  /** The new head and its encoding (the only block of the switch not stored yet). */
  tip: { hash: Uint8Array; bytes: Uint8Array };
  /**
   * Main-chain blocks leaving it, with their transactions' hashes and address index entries
   * (to drop from the tx index and the address index).
   */
  disconnect: {
    hash: Uint8Array;
    height: number;
    txHashes: Uint8Array[];
    addressIndex: AddressIndexEntry[];
  }[];
  /** Blocks joining the main chain, oldest first, each with its tx hashes, address index entries and undo record. */
  connect: {
    hash: Uint8Array;
    rec: HeaderRecord;
    txHashes: Uint8Array[];
    addressIndex: AddressIndexEntry[];
    undo: UndoEntry[];
  }[];
  /** The state after the switch (its values, commitment leaves and bucket hashes). */
  state: PreparedState;
}

const HEAD = new TextEncoder().encode("head");
const GENESIS = new TextEncoder().encode("genesis");
const GENESIS_CONFIG = new TextEncoder().encode("genesis-config");
/** Present once the address index covers the main chain (new datadirs: from the genesis). */
const ADDRTX_INDEXED = new TextEncoder().encode("addrtx-indexed");

export class ChainStore {
  private readonly recordCache = new Map<string, HeaderRecord>();

  constructor(readonly kv: KvStore) {}

  record(hash: Uint8Array): HeaderRecord | undefined {
    const key = Buffer.from(hash).toString("latin1");
    const cached = this.recordCache.get(key);
    if (cached) return cached;
    const raw = this.kv.get("headers", hash);
    if (!raw) return undefined;
    const rec = HeaderRecord.deserialize(raw);
    if (this.recordCache.size > 4096) this.recordCache.clear();
    this.recordCache.set(key, rec);
    return rec;
  }

  private putRecord(batch: WriteBatch, hash: Uint8Array, rec: HeaderRecord): void {
    batch.put("headers", hash, HeaderRecord.serialize(rec));
    this.recordCache.delete(Buffer.from(hash).toString("latin1"));
  }

  /** Forget cached records (after a write that was rolled back by a crash-free failure). */
  dropCache(): void {
    this.recordCache.clear();
  }

  blockBytes(hash: Uint8Array): Uint8Array | undefined {
    return this.kv.get("blocks", hash);
  }

  block(hash: Uint8Array): Block | undefined {
    const raw = this.blockBytes(hash);
    return raw ? Block.deserialize(raw) : undefined;
  }

  mainHash(height: number): Uint8Array | undefined {
    return this.kv.get("main", u64be(height));
  }

  /** The encoding of the main-chain block at `height` (at most the head's); STORE_CORRUPT if missing. */
  mainBlockBytes(height: number): Uint8Array {
    const hash = this.mainHash(height);
    const bytes = hash && this.blockBytes(hash);
    if (!hash || !bytes)
      throw new TelchainError("STORE_CORRUPT", `no stored main-chain block at height ${height}`);
    return bytes;
  }

  /** Whether the address index covers the main chain (false for a datadir made before it). */
  addressIndexed(): boolean {
    return this.kv.get("meta", ADDRTX_INDEXED) !== undefined;
  }

  /**
   * Up to `limit` address index entries whose keys start with `prefix` (an address: newest
   * first), after the key `after` when given (see address-index.ts).
   */
  scanAddressIndex(
    prefix: Uint8Array,
    limit: number,
    after?: Uint8Array,
  ): { key: Uint8Array; value: Uint8Array }[] {
    return scanPrefix(this.kv, "addrtx", prefix, limit, 0, after);
  }

  txLocation(hash: Uint8Array): { blockHash: Uint8Array; index: number } | undefined {
    const v = this.kv.get("txindex", hash);
    if (!v) return undefined;
    return { blockHash: v.subarray(0, 32), index: new DataView(v.buffer, v.byteOffset).getUint32(32) };
  }

  undo(hash: Uint8Array) {
    const raw = this.kv.get("undo", hash);
    return raw ? UndoRecord.deserialize(raw) : undefined;
  }

  head(): Uint8Array | undefined {
    return this.kv.get("meta", HEAD);
  }

  genesis(): Uint8Array | undefined {
    return this.kv.get("meta", GENESIS);
  }

  private setHead(batch: WriteBatch, hash: Uint8Array): void {
    batch.put("meta", HEAD, hash);
  }

  private setGenesis(batch: WriteBatch, hash: Uint8Array, configFingerprint: Uint8Array): void {
    batch.put("meta", GENESIS, hash);
    batch.put("meta", GENESIS_CONFIG, configFingerprint);
  }

  genesisFingerprint(): Uint8Array | undefined {
    return this.kv.get("meta", GENESIS_CONFIG);
  }

  private indexTx(batch: WriteBatch, txHash: Uint8Array, blockHash: Uint8Array, index: number): void {
    const v = new Uint8Array(36);
    v.set(blockHash);
    new DataView(v.buffer).setUint32(32, index);
    batch.put("txindex", txHash, v);
  }

  // ---- writes: each is one atomic, durable batch ----------------------------------------------

  /**
   * Writes the genesis block as the head of an empty store: block, record, main index, head
   * pointer, the config fingerprint and (unless the caller already streamed it) the state.
   */
  writeGenesis(g: {
    hash: Uint8Array;
    bytes: Uint8Array;
    rec: HeaderRecord;
    fingerprint: Uint8Array;
    state?: PreparedState;
  }): void {
    this.kv.write((batch) => {
      batch.put("blocks", g.hash, g.bytes);
      this.putRecord(batch, g.hash, g.rec);
      batch.put("main", u64be(0), g.hash);
      g.state?.write(batch);
      this.setGenesis(batch, g.hash, g.fingerprint);
      this.setHead(batch, g.hash);
      batch.put("meta", ADDRTX_INDEXED, Uint8Array.of(1)); // the genesis has no transactions
    });
    g.state?.commitTree();
  }

  /** Writes address index entries of main-chain blocks, and with `complete` the mark that the index covers the chain. */
  writeAddressIndex(entries: readonly AddressIndexEntry[], complete: boolean): void {
    this.kv.write((batch) => {
      for (const e of entries) batch.put("addrtx", e.key, e.value);
      if (complete) batch.put("meta", ADDRTX_INDEXED, Uint8Array.of(1));
    });
  }

  /** Records the genesis hash and the fingerprint of the config it was derived from. */
  recordGenesisConfig(hash: Uint8Array, configFingerprint: Uint8Array): void {
    this.kv.write((batch) => this.setGenesis(batch, hash, configFingerprint));
  }

  /** Stores a valid block that does not (yet) beat the head: its bytes and header record. */
  storeSideBlock(hash: Uint8Array, bytes: Uint8Array, rec: HeaderRecord): void {
    this.kv.write((batch) => {
      batch.put("blocks", hash, bytes);
      this.putRecord(batch, hash, rec);
    });
  }

  /**
   * Remembers that `bad` failed execution so it is never retried, together with the new block
   * `tip` whose branch it was on (stored and marked invalid too, when it is not `bad` itself).
   */
  markInvalid(
    tip: { hash: Uint8Array; bytes: Uint8Array; rec: HeaderRecord },
    bad: { hash: Uint8Array; rec: HeaderRecord },
  ): void {
    this.kv.write((batch) => {
      if (!this.record(tip.hash)) batch.put("blocks", tip.hash, tip.bytes);
      this.putRecord(batch, bad.hash, { ...bad.rec, status: STATUS_INVALID });
      if (bad.hash !== tip.hash) this.putRecord(batch, tip.hash, { ...tip.rec, status: STATUS_INVALID });
    });
  }

  /** Moves the head: the whole switch in one write, then the in-memory commitment tree. */
  commitSwitch(c: HeadCommit): void {
    this.kv.write((batch) => {
      batch.put("blocks", c.tip.hash, c.tip.bytes);
      for (const d of c.disconnect) {
        batch.del("main", u64be(d.height));
        for (const txh of d.txHashes) batch.del("txindex", txh);
        for (const e of d.addressIndex) batch.del("addrtx", e.key);
      }
      for (const k of c.connect) {
        this.putRecord(batch, k.hash, { ...k.rec, status: STATUS_VALID });
        batch.put("main", u64be(k.rec.header.height), k.hash);
        batch.put("undo", k.hash, UndoRecord.serialize(k.undo));
        k.txHashes.forEach((txh, j) => {
          this.indexTx(batch, txh, k.hash, j);
        });
        for (const e of k.addressIndex) batch.put("addrtx", e.key, e.value);
      }
      c.state.write(batch);
      this.setHead(batch, c.tip.hash);
    });
    c.state.commitTree();
  }
}
