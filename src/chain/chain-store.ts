/**
 * Typed access to the chain's buckets: header records, blocks, the main-chain index,
 * the transaction index, undo records and the head pointer.
 */
import { ByteListType, ContainerType, ListCompositeType, UintNumberType } from "@chainsafe/ssz";
import { u64be } from "../bytes.js";
import { Block, Bytes32, Header, Uint32 } from "../codec/schema.js";
import type { KvStore, WriteBatch } from "../storage/interface.js";

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

export interface HeaderRecord {
  header: Header;
  work: Uint8Array;
  anchorTime: number;
  status: number;
  size: number;
}

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

const HEAD = new TextEncoder().encode("head");
const GENESIS = new TextEncoder().encode("genesis");
const GENESIS_CONFIG = new TextEncoder().encode("genesis-config");

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

  putRecord(batch: WriteBatch, hash: Uint8Array, rec: HeaderRecord): void {
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

  setHead(batch: WriteBatch, hash: Uint8Array): void {
    batch.put("meta", HEAD, hash);
  }

  /** Records the genesis hash and the fingerprint of the config it was derived from. */
  setGenesis(batch: WriteBatch, hash: Uint8Array, configFingerprint: Uint8Array): void {
    batch.put("meta", GENESIS, hash);
    batch.put("meta", GENESIS_CONFIG, configFingerprint);
  }

  genesisFingerprint(): Uint8Array | undefined {
    return this.kv.get("meta", GENESIS_CONFIG);
  }

  indexTx(batch: WriteBatch, txHash: Uint8Array, blockHash: Uint8Array, index: number): void {
    const v = new Uint8Array(36);
    v.set(blockHash);
    new DataView(v.buffer).setUint32(32, index);
    batch.put("txindex", txHash, v);
  }
}
