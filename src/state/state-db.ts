/**
 * The stored state and its commitment. Reads come from the `state` bucket; a change set
 * (an Overlay's changes) is turned into a PreparedState: the new state root plus the
 * writes (state values, commitment leaves, bucket hashes) that a block commit performs.
 */
import type { Bucket, KvStore, WriteBatch } from "../storage/interface.js";
import { scanPrefix } from "../storage/scan.js";
import {
  type BucketEntry,
  BucketTree,
  bucketHash,
  bucketOf,
  keyHash,
  keyHashOfString,
  type PendingTree,
  valueHash,
} from "./commitment.js";
import { keyBytes, keyString } from "./overlay.js";
import type { StateReader } from "./view.js";

const ZERO32 = new Uint8Array(32);

/** A changed commitment leaf: its key hash and new value hash (null: the key was deleted). */
interface LeafChange {
  keyHash: Uint8Array;
  valueHash: Uint8Array | null;
}

function bucketKey(bucket: number): Uint8Array {
  return Uint8Array.of(bucket >> 8, bucket & 0xff);
}

/** Key of a commitment leaf: the bucket (2 bytes, big-endian) and the key hash. */
export function leafKey(bucket: number, kh: Uint8Array): Uint8Array {
  const k = new Uint8Array(34);
  k[0] = bucket >> 8;
  k[1] = bucket & 0xff;
  k.set(kh, 2);
  return k;
}

export interface PreparedState {
  root: Uint8Array;
  /** Writes the state changes and commitment leaves into a batch. */
  write(batch: WriteBatch): void;
  /** After the batch committed: make the in-memory tree match. */
  commitTree(): void;
}

export class StateDb implements StateReader {
  private readonly tree: BucketTree;

  constructor(private readonly store: KvStore) {
    const hashes = new Map<number, Uint8Array>();
    for (const { key, value } of store.range(
      "buckets",
      new Uint8Array([0, 0]),
      new Uint8Array([0xff, 0xff, 0xff]),
    )) {
      hashes.set((key[0] << 8) | key[1], value);
    }
    this.tree = BucketTree.fromBucketHashes(hashes);
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.store.get("state", key);
  }

  root(): Uint8Array {
    return this.tree.root();
  }

  /** Entries of one commitment bucket, from the store. */
  bucketEntries(bucket: number): BucketEntry[] {
    const out: BucketEntry[] = [];
    const start = leafKey(bucket, ZERO32);
    // Leaf keys are 34 bytes; past the last bucket, 35 bytes of 0xff sort after every one of them.
    const end = bucket === 0xffff ? new Uint8Array(35).fill(0xff) : bucketKey(bucket + 1);
    for (const { key, value } of this.store.range("leaves", start, end)) {
      out.push({ keyHash: key.subarray(2), valueHash: value });
    }
    return out;
  }

  /**
   * Up to `limit` stored entries whose keys start with `prefix`, in key order; returned keys
   * have their first `strip` bytes removed (a module sees keys relative to its prefix).
   */
  scan(
    prefix: Uint8Array,
    limit: number,
    strip = 0,
    after?: Uint8Array,
  ): { key: Uint8Array; value: Uint8Array }[] {
    return scanPrefix(this.store, "state", prefix, limit, strip, after);
  }

  /** The in-memory commitment tree at the head (for proofs). */
  commitment(): BucketTree {
    return this.tree;
  }

  /** The root of a state that holds exactly `entries` (e.g. the genesis state), ignoring the store. */
  static rootOf(entries: Map<string, Uint8Array | null>): Uint8Array {
    const buckets = new Map<number, BucketEntry[]>();
    for (const [k, v] of entries) {
      if (v === null) continue;
      const kh = keyHash(keyBytes(k));
      const b = bucketOf(kh);
      const list = buckets.get(b) ?? [];
      buckets.set(b, list);
      list.push({ keyHash: kh, valueHash: valueHash(v) });
    }
    const hashes = new Map<number, Uint8Array>();
    for (const [b, list] of buckets) hashes.set(b, bucketHash(list));
    return BucketTree.fromBucketHashes(hashes).root();
  }

  /**
   * Computes the root after applying `changes` (latin1 key -> value or null) to the stored
   * state, without touching the store or the tree.
   */
  prepare(changes: Map<string, Uint8Array | null>): PreparedState {
    // Group changed leaves by bucket: bucket -> (key hash latin1 -> entry, value hash null = deleted).
    const byBucket = new Map<number, Map<string, LeafChange>>();
    for (const [k, v] of changes) {
      const kh = keyHashOfString(k);
      const b = bucketOf(kh);
      let m = byBucket.get(b);
      if (m === undefined) {
        m = new Map();
        byBucket.set(b, m);
      }
      m.set(keyString(kh), { keyHash: kh, valueHash: v === null ? null : valueHash(v) });
    }
    const pending: PendingTree = this.tree.pending();
    const leafWrites: { bucket: number; kh: Uint8Array; vh: Uint8Array | null }[] = [];
    const bucketWrites: { bucket: number; hash: Uint8Array | null }[] = [];
    for (const [b, leafChanges] of byBucket) {
      const entries = new Map<string, BucketEntry>();
      for (const e of this.bucketEntries(b)) entries.set(keyString(e.keyHash), e);
      for (const [khs, c] of leafChanges) {
        if (c.valueHash === null) entries.delete(khs);
        else entries.set(khs, { keyHash: c.keyHash, valueHash: c.valueHash });
        leafWrites.push({ bucket: b, kh: c.keyHash, vh: c.valueHash });
      }
      const h = entries.size === 0 ? ZERO32 : bucketHash([...entries.values()]);
      pending.setBucket(b, h);
      bucketWrites.push({ bucket: b, hash: entries.size === 0 ? null : h });
    }
    const root = pending.root();
    return {
      root,
      write(batch: WriteBatch) {
        const put = (bucket: Bucket, k: Uint8Array, v: Uint8Array | null) =>
          v === null ? batch.del(bucket, k) : batch.put(bucket, k, v);
        // The store copies keys: a Buffer over the latin1 string is enough (no second copy).
        for (const [k, v] of changes) put("state", Buffer.from(k, "latin1"), v);
        for (const w of leafWrites) put("leaves", leafKey(w.bucket, w.kh), w.vh);
        for (const w of bucketWrites) put("buckets", bucketKey(w.bucket), w.hash);
      },
      commitTree: () => pending.commit(),
    };
  }
}
