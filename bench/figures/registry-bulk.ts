/**
 * Benchmark-only bulk loader: writes the genesis block and state of a (large) genesis config
 * straight into an empty store, as Chain.open would, but streaming the state to LMDB in
 * chunks instead of holding every change in one Overlay and one write batch (Chain.open
 * needs ~1.5 GB and ~35 s for 200,000 registry records; this path is linear and bounded).
 * Chain.open afterwards finds the genesis with its config fingerprint and trusts it, and still
 * checks the stored state root against the genesis header. registry-bulk.test.ts checks that
 * both paths give the same genesis hash.
 */
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

/** A StateView over the store that writes state values and their commitment leaves in chunks. */
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
    const changes = this.pending;
    this.pending = new Map();
    this.store.write((batch) => {
      for (const [k, v] of changes) {
        const key = keyBytes(k);
        const kh = keyHash(key);
        const leaf = leafKey(bucketOf(kh), kh);
        if (v === null) {
          batch.del("state", key);
          batch.del("leaves", leaf);
        } else {
          batch.put("state", key, v);
          batch.put("leaves", leaf, valueHash(v));
        }
      }
    });
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
): Uint8Array {
  const chainStore = new ChainStore(store);
  if (chainStore.genesis()) throw new Error("bulkWriteGenesis: the store already holds a chain");
  const state = new StreamingState(store);
  writeGenesisState(state, genesis, modules);
  state.flush();
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
