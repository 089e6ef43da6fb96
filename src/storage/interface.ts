/**
 * The node's storage: a few named buckets of byte keys and byte values, with atomic,
 * durable batch writes. LMDB (lmdb.ts) is the implementation; the interface stays small
 * so the chain code reads as key-value logic, not as LMDB calls.
 */
export const BUCKETS = [
  "meta", // head pointer, genesis hash, schema version
  "headers", // block hash -> header record (header, height, cumulative work, status)
  "blocks", // block hash -> encoded block
  "main", // height (u64 BE) -> hash of the main-chain block
  "txindex", // tx hash -> block hash || index (u32 BE), main chain only
  "state", // state key -> value
  "leaves", // bucket (u16 BE) || key hash -> value hash: the commitment's leaves
  "buckets", // bucket (u16 BE) -> bucket hash (non-empty buckets only)
  "undo", // block hash -> undo record (previous values of the keys the block changed)
  "addrtx", // address || inverted height || inverted index -> role || tx hash, main chain only (chain/address-index.ts)
] as const;

export type Bucket = (typeof BUCKETS)[number];

export interface WriteBatch {
  put(bucket: Bucket, key: Uint8Array, value: Uint8Array): void;
  del(bucket: Bucket, key: Uint8Array): void;
}

export interface KvStore {
  get(bucket: Bucket, key: Uint8Array): Uint8Array | undefined;
  /** Entries with start <= key < end, in key order. */
  range(bucket: Bucket, start: Uint8Array, end: Uint8Array): Iterable<{ key: Uint8Array; value: Uint8Array }>;
  /** Runs `fn` in one transaction; returns after it is committed and flushed to disk. */
  write(fn: (batch: WriteBatch) => void): void;
  close(): Promise<void>;
}
