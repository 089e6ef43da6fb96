/**
 * Benchmark-only bulk loader: writes the genesis block and state of a (large) genesis config
 * straight into an empty store, as Chain.open would, but streaming the state to LMDB in
 * chunks instead of holding every change in one Overlay and one write batch (Chain.open
 * needs ~1.5 GB and ~35 s for 200,000 registry records; this path is linear and bounded).
 * Chain.open afterwards finds the genesis with its config fingerprint and trusts it, and still
 * checks the stored state root against the genesis header. registry-bulk.test.ts checks that
 * both paths give the same genesis hash.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChainStore } from "../../src/chain/chain-store.js";
import type { GenesisConfig } from "../../src/chain/genesis.js";
import {
  genesisBlockOver,
  genesisFingerprint,
  genesisRecord,
  writeGenesisState,
} from "../../src/chain/genesis-block.js";
import { Block } from "../../src/codec/schema.js";
import type { ModuleRegistry } from "../../src/module/registry.js";
import {
  type BucketEntry,
  BucketTree,
  bucketHash,
  bucketOf,
  keyHash,
  valueHash,
} from "../../src/state/commitment.js";
import { keyBytes, keyString } from "../../src/state/overlay.js";
import { leafKey } from "../../src/state/state-db.js";
import type { StateView } from "../../src/state/view.js";
import type { KvStore } from "../../src/storage/interface.js";

/** Changes held before they are written out (bounds memory). */
const CHUNK = 250_000;

/**
 * A StateView over the store that writes state values in chunks, each in key order. The
 * commitment leaves are written afterwards, from the stored state, by writeLeaves: inserting
 * them as they come (random key hashes) made every chunk's commit rewrite most of the leaves
 * table's pages, which grew with the table (quadratic in the state size).
 */
class StreamingState implements StateView {
  private pending = new Map<string, Uint8Array | null>();

  constructor(private readonly store: KvStore) {}

  get(key: Uint8Array): Uint8Array | undefined {
    const v = this.pending.get(keyString(key));
    if (v !== undefined) return v ?? undefined;
    return this.store.get("state", key);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.pending.set(keyString(key), value);
    if (this.pending.size >= CHUNK) this.flush();
  }

  delete(key: Uint8Array): void {
    this.pending.set(keyString(key), null);
    if (this.pending.size >= CHUNK) this.flush();
  }

  flush(): void {
    // latin1 key strings sort as their bytes do.
    const changes = [...this.pending].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.pending = new Map();
    this.store.write((batch) => {
      for (const [k, v] of changes) {
        if (v === null) batch.del("state", keyBytes(k));
        else batch.put("state", keyBytes(k), v);
      }
    });
  }
}

/** Leaves are sorted in RUNS runs by the first 4 bits of their key hash, each run in memory. */
const RUNS = 16;
const LEAF = 64; // key hash || value hash
/** Every state key is below this one (state keys are ASCII prefixes: "a/", "m/..."). */
const PAST_STATE = Uint8Array.of(0xff);

/**
 * Writes the commitment leaf of every stored state entry, in leaf-key order: one scan of the
 * state appends (key hash, value hash) to RUNS scratch files split by the key hash's first 4
 * bits, then each file is sorted in memory and written out in chunks.
 */
function writeLeaves(store: KvStore, scratch: string, report?: (msg: string) => void): void {
  const files = Array.from({ length: RUNS }, (_, r) => join(scratch, `leaves-${r}`));
  const out = files.map((f) => ({ fd: openSync(f, "w"), buf: Buffer.allocUnsafe(LEAF * 16_384), used: 0 }));
  const drain = (o: (typeof out)[number]) => {
    writeSync(o.fd, o.buf, 0, o.used);
    o.used = 0;
  };
  for (const { key, value } of store.range("state", new Uint8Array(), PAST_STATE)) {
    const kh = keyHash(key);
    const o = out[kh[0] >> 4];
    o.buf.set(kh, o.used);
    o.buf.set(valueHash(value), o.used + 32);
    o.used += LEAF;
    if (o.used === o.buf.length) drain(o);
  }
  for (const o of out) {
    drain(o);
    closeSync(o.fd);
  }
  report?.(`commitment leaves hashed; sorting and writing them in ${RUNS} runs`);
  for (const [run, f] of files.entries()) {
    if (run % 4 === 3) report?.(`commitment leaves: run ${run + 1} of ${RUNS}`);
    const data = readFileSync(f);
    rmSync(f);
    const n = data.length / LEAF;
    // Sort by the key hash's first 6 bytes (a float holds 48 bits exactly), ties by all 32.
    const head = new Float64Array(n);
    for (let i = 0; i < n; i++) head[i] = data.readUIntBE(i * LEAF, 6);
    const order = new Uint32Array(n).map((_, i) => i);
    order.sort(
      (a, b) => head[a] - head[b] || data.compare(data, b * LEAF, b * LEAF + 32, a * LEAF, a * LEAF + 32),
    );
    for (let start = 0; start < n; start += CHUNK) {
      store.write((batch) => {
        for (let j = start; j < Math.min(n, start + CHUNK); j++) {
          const at = order[j] * LEAF;
          const kh = data.subarray(at, at + 32);
          batch.put("leaves", leafKey(bucketOf(kh), kh), data.subarray(at + 32, at + LEAF));
        }
      });
    }
  }
}

/**
 * Writes the bucket hashes from the stored leaves (one scan, in key order, so bucket by bucket
 * and each bucket's entries by key hash); returns the state root. (StateDb.bucketEntries is not
 * used: its range for bucket 0xffff ends at ff ff ff, before that bucket's leaves ff ff ff ff ...)
 */
function writeBuckets(store: KvStore): Uint8Array {
  const hashes = new Map<number, Uint8Array>();
  let bucket = -1;
  let entries: BucketEntry[] = [];
  const close = () => {
    if (entries.length > 0) hashes.set(bucket, bucketHash(entries));
  };
  for (const { key, value } of store.range("leaves", new Uint8Array(), new Uint8Array(35).fill(0xff))) {
    const b = (key[0] << 8) | key[1];
    if (b !== bucket) {
      close();
      bucket = b;
      entries = [];
    }
    entries.push({ keyHash: key.subarray(2), valueHash: value });
  }
  close();
  store.write((batch) => {
    for (const [b, h] of hashes) batch.put("buckets", Uint8Array.of(b >> 8, b & 0xff), h);
  });
  return BucketTree.fromBucketHashes(hashes).root();
}

/**
 * Writes `genesis` (block, state, commitment, head) into the empty `store` and returns the
 * genesis hash. Throws when the store already holds a chain.
 */
export function bulkWriteGenesis(
  store: KvStore,
  genesis: GenesisConfig,
  modules: ModuleRegistry,
  report?: (msg: string) => void,
): Uint8Array {
  const chainStore = new ChainStore(store);
  if (chainStore.genesis()) throw new Error("bulkWriteGenesis: the store already holds a chain");
  const state = new StreamingState(store);
  writeGenesisState(state, genesis, modules);
  state.flush();
  const scratch = mkdtempSync(join(tmpdir(), "telchain-bulk-leaves-"));
  try {
    report?.("state written; hashing the commitment leaves");
    writeLeaves(store, scratch, report);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const stateRoot = writeBuckets(store);

  // The genesis block exactly as Chain.open builds it.
  const { block, hash } = genesisBlockOver(genesis, stateRoot);
  const header = block.header;
  const rec = genesisRecord(header, Block.serialize(block).length);
  // The state is already in the store (streamed above): the genesis write adds the rest.
  chainStore.writeGenesis({
    hash,
    bytes: Block.serialize(block),
    rec,
    fingerprint: genesisFingerprint(genesis),
  });
  return hash;
}
