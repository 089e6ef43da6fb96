/**
 * The state commitment (consensus): every key-value record is hashed into one of 2^16 buckets
 * by the first 16 bits of its key hash; a bucket hashes its entries sorted by key hash; a
 * complete binary Merkle tree of depth 16 over the bucket hashes gives the state root.
 * An internal node whose children are both all-zero is itself all-zero, so empty subtrees cost
 * nothing and the empty state's root is 32 zero bytes.
 *
 * Hashes are taggedHash(domain, ...) from src/crypto/hash.ts; the domain prefixes are
 * precomputed here (same bytes) because the tree hashes tens of thousands of nodes per block.
 */
import sodium from "sodium-native";
import { compareBytes } from "../bytes.js";
import { utf8 } from "../crypto/hash.js";
import { ensure, TelchainError } from "../errors.js";
import { BUCKET_COUNT, HASH_BYTES, STATE_TAGS } from "../sdk/hashes.js";

// The tree's shape and the bucket rule are the SDK's (one definition for the node and the light
// client); this file keeps only its own faster libsodium hashing.
export { BUCKET_BITS, BUCKET_COUNT, bucketOf, HASH_BYTES } from "../sdk/hashes.js";

/** Heap layout: node 1 is the root, node i has children 2i and 2i+1, leaves are LEAF_OFFSET + bucket. */
const LEAF_OFFSET = BUCKET_COUNT;
const NODE_SLOTS = 2 * BUCKET_COUNT; // slot 0 unused; 2^17 - 1 real nodes

export interface BucketEntry {
  keyHash: Uint8Array;
  valueHash: Uint8Array;
}

/*
 * Hashing. libsodium's one-shot SHA-256 writes into a caller buffer, so hashing a node allocates
 * nothing; it measured ~2.5x faster than node:crypto's createHash for these small inputs. The
 * domain prefix len(tag)||tag is precomputed; tests check equality with taggedHash.
 */

function tagPrefix(domain: string): Buffer {
  const tag = utf8(domain);
  return Buffer.concat([Uint8Array.of(tag.length), tag]);
}

const KEY_PREFIX = tagPrefix(STATE_TAGS.key);
const VALUE_PREFIX = tagPrefix(STATE_TAGS.value);
const BUCKET_PREFIX = tagPrefix(STATE_TAGS.bucket);
const NODE_PREFIX = tagPrefix(STATE_TAGS.node);

/** NODE_PREFIX || left || right; the tree code copies children straight into it. */
const NODE_INPUT = Buffer.alloc(NODE_PREFIX.length + 2 * HASH_BYTES);
NODE_PREFIX.copy(NODE_INPUT);
const NODE_LEFT = NODE_PREFIX.length;
const HASH_OUT = Buffer.alloc(HASH_BYTES);

/** Reusable input buffer for variable-length hashes; grows as needed (hashing is synchronous). */
let scratch = Buffer.alloc(4096);
/** scratch[0, n) by n, so hashing the same length again makes no new view (keys and values repeat lengths). */
let scratchViews = new Map<number, Buffer>();

function ensureScratch(n: number): Buffer {
  if (scratch.length < n) {
    scratch = Buffer.alloc(Math.max(n, 2 * scratch.length));
    scratchViews = new Map();
  }
  return scratch;
}

function scratchView(n: number): Buffer {
  let view = scratchViews.get(n);
  if (view === undefined) {
    view = scratch.subarray(0, n);
    if (scratchViews.size < 256) scratchViews.set(n, view);
  }
  return view;
}

/** Copies one 32-byte hash; a plain loop beats Buffer.copy's native call at this size. */
function copy32(src: Uint8Array, srcOffset: number, dst: Uint8Array, dstOffset: number): void {
  for (let i = 0; i < HASH_BYTES; i++) dst[dstOffset + i] = src[srcOffset + i];
}

/** SHA-256 of scratch[0, n) (filled by the caller after ensureScratch) into a fresh 32-byte array. */
function sha256Fresh(n: number): Uint8Array {
  const out = new Uint8Array(HASH_BYTES);
  sodium.crypto_hash_sha256(out as Buffer, scratchView(n)); // sodium-native takes any Uint8Array (typed Buffer)
  return out;
}

function prefixedHash(prefix: Buffer, data: Uint8Array): Uint8Array {
  const buf = ensureScratch(prefix.length + data.length);
  prefix.copy(buf);
  buf.set(data, prefix.length);
  return sha256Fresh(prefix.length + data.length);
}

export function keyHash(key: Uint8Array): Uint8Array {
  return prefixedHash(KEY_PREFIX, key);
}

/** keyHash of a key held as a latin1 string (an Overlay's change key), without making its bytes. */
export function keyHashOfString(key: string): Uint8Array {
  const n = KEY_PREFIX.length + key.length;
  const buf = ensureScratch(n);
  KEY_PREFIX.copy(buf);
  buf.write(key, KEY_PREFIX.length, "latin1");
  return sha256Fresh(n);
}

export function valueHash(value: Uint8Array): Uint8Array {
  return prefixedHash(VALUE_PREFIX, value);
}

/** Hash of one bucket's entries (any order; a sorted copy is hashed). Empty bucket → 32 zero bytes. */
export function bucketHash(entries: readonly BucketEntry[]): Uint8Array {
  if (entries.length === 0) return new Uint8Array(HASH_BYTES);
  const sorted = [...entries].sort((a, b) => compareBytes(a.keyHash, b.keyHash));
  const n = BUCKET_PREFIX.length + sorted.length * 2 * HASH_BYTES;
  const buf = ensureScratch(n);
  BUCKET_PREFIX.copy(buf);
  let o = BUCKET_PREFIX.length;
  for (const e of sorted) {
    checkHash(e.keyHash, "entry keyHash");
    checkHash(e.valueHash, "entry valueHash");
    buf.set(e.keyHash, o);
    buf.set(e.valueHash, o + HASH_BYTES);
    o += 2 * HASH_BYTES;
  }
  return sha256Fresh(n);
}

/** True when NODE_INPUT holds two all-zero children. */
function nodeInputIsZero(): boolean {
  for (let i = NODE_LEFT; i < NODE_INPUT.length; i++) if (NODE_INPUT[i] !== 0) return false;
  return true;
}

/** Hashes the children in NODE_INPUT (zero rule included) into HASH_OUT. */
function hashNodeInput(): Buffer {
  if (nodeInputIsZero()) HASH_OUT.fill(0);
  else sodium.crypto_hash_sha256(HASH_OUT, NODE_INPUT);
  return HASH_OUT;
}

/** Internal node hash with the zero rule; returns a fresh 32-byte array. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  checkHash(left, "left child");
  checkHash(right, "right child");
  NODE_INPUT.set(left, NODE_LEFT);
  NODE_INPUT.set(right, NODE_LEFT + HASH_BYTES);
  return new Uint8Array(hashNodeInput());
}

// The checks below run for every bucket and entry of a block: the message is built only on failure.
function checkBucketIndex(i: number): void {
  if (Number.isInteger(i) && i >= 0 && i < BUCKET_COUNT) return;
  ensure(false, "STATE_BUCKET_INVALID", `bucket index must be an integer in [0, ${BUCKET_COUNT}), got ${i}`);
}

function checkHash(h: Uint8Array, what: string | (() => string)): void {
  if (h instanceof Uint8Array && h.length === HASH_BYTES) return;
  ensure(
    false,
    "STATE_HASH_INVALID",
    `${typeof what === "string" ? what : what()} must be ${HASH_BYTES} bytes`,
  );
}

/** What proofs need from a tree (BucketTree or PendingTree). */
export interface CommitmentTree {
  root(): Uint8Array;
  bucketHash(bucket: number): Uint8Array;
  siblings(bucket: number): Uint8Array[];
}

/** Module-private hooks shared by the two tree classes. */
const copyNode = Symbol("copyNode");
const applyOverlay = Symbol("applyOverlay");

function siblingsOf(tree: BucketTree | PendingTree, bucket: number): Uint8Array[] {
  checkBucketIndex(bucket);
  const out: Uint8Array[] = [];
  for (let idx = LEAF_OFFSET + bucket; idx > 1; idx >>= 1) {
    const s = Buffer.alloc(HASH_BYTES);
    tree[copyNode](idx ^ 1, s, 0);
    out.push(new Uint8Array(s.buffer, s.byteOffset, HASH_BYTES));
  }
  return out;
}

function readHash(tree: BucketTree | PendingTree, index: number): Uint8Array {
  const out = Buffer.alloc(HASH_BYTES);
  tree[copyNode](index, out, 0);
  return new Uint8Array(out.buffer, out.byteOffset, HASH_BYTES);
}

/** The whole tree: all 2^17 - 1 node hashes in one flat 4 MiB buffer (heap layout). */
export class BucketTree implements CommitmentTree {
  private readonly nodes: Buffer;
  /** Bumped on every commit, so pendings built on an older version refuse to be used. */
  private _version = 0;

  private constructor() {
    this.nodes = Buffer.alloc(NODE_SLOTS * HASH_BYTES);
  }

  static empty(): BucketTree {
    return new BucketTree();
  }

  /** Builds the tree from the non-empty buckets' hashes (absent buckets are empty). */
  static fromBucketHashes(hashes: Map<number, Uint8Array>): BucketTree {
    const tree = new BucketTree();
    const nodes = tree.nodes;
    for (const [i, h] of hashes) {
      checkBucketIndex(i);
      checkHash(h, () => `hash of bucket ${i}`);
      nodes.set(h, (LEAF_OFFSET + i) * HASH_BYTES);
    }
    for (let idx = LEAF_OFFSET - 1; idx >= 1; idx--) {
      copy32(nodes, 2 * idx * HASH_BYTES, NODE_INPUT, NODE_LEFT);
      copy32(nodes, (2 * idx + 1) * HASH_BYTES, NODE_INPUT, NODE_LEFT + HASH_BYTES);
      copy32(hashNodeInput(), 0, nodes, idx * HASH_BYTES);
    }
    return tree;
  }

  get version(): number {
    return this._version;
  }

  root(): Uint8Array {
    return readHash(this, 1);
  }

  bucketHash(bucket: number): Uint8Array {
    checkBucketIndex(bucket);
    return readHash(this, LEAF_OFFSET + bucket);
  }

  /** The 16 sibling hashes on the path from `bucket` to the root, leaf level first. */
  siblings(bucket: number): Uint8Array[] {
    return siblingsOf(this, bucket);
  }

  /** A copy-on-write overlay for validating a block; see PendingTree. */
  pending(): PendingTree {
    return new PendingTree(this);
  }

  [copyNode](index: number, target: Buffer, offset: number): void {
    copy32(this.nodes, index * HASH_BYTES, target, offset);
  }

  [applyOverlay](indices: readonly number[], store: Buffer): void {
    for (let slot = 0; slot < indices.length; slot++) {
      copy32(store, slot * HASH_BYTES, this.nodes, indices[slot] * HASH_BYTES);
    }
    this._version++;
  }
}

/**
 * Bucket changes on top of a base tree (a BucketTree or another PendingTree), without modifying
 * it. root() recomputes only the paths of buckets changed since the previous recompute, visiting
 * each touched internal node once, level by level. commit() writes the changes into the base and
 * leaves this pending empty (reusable); to discard it, drop the reference.
 *
 * Once the base changes (another pending committed into it, or a bucket set on a base pending),
 * this pending is stale and every call throws STATE_PENDING_STALE instead of mixing two versions.
 */
export class PendingTree implements CommitmentTree {
  private readonly base: BucketTree | PendingTree;
  private baseVersion: number;
  /**
   * The overlay: node index → slot + 1 (0 = not overridden), allocated on first change.
   * Slot s holds its hash at store[32s, 32s + 32) and its node index at slotIndex[s].
   */
  private slotOf: Int32Array | undefined;
  private slotIndex: number[] = [];
  private store = Buffer.alloc(0);
  /** Buckets changed since the overlay was last brought up to date. */
  private dirty = new Set<number>();
  /** Buckets changed in this layer. */
  private readonly changed = new Set<number>();
  private _version = 0;

  constructor(base: BucketTree | PendingTree) {
    this.base = base;
    this.baseVersion = base.version;
  }

  get version(): number {
    return this._version;
  }

  setBucket(bucket: number, hash: Uint8Array): void {
    checkBucketIndex(bucket);
    checkHash(hash, () => `hash of bucket ${bucket}`);
    this.checkFresh();
    const slot = this.slotFor(LEAF_OFFSET + bucket); // may grow the store, so look it up first
    this.store.set(hash, slot * HASH_BYTES);
    this.changed.add(bucket);
    this.dirty.add(bucket);
    this._version++;
  }

  /** Copies of this layer's changed bucket hashes (all-zero = bucket now empty). */
  changedBuckets(): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    for (const b of this.changed) out.set(b, readHash(this, LEAF_OFFSET + b));
    return out;
  }

  root(): Uint8Array {
    this.bringUpToDate();
    return readHash(this, 1);
  }

  bucketHash(bucket: number): Uint8Array {
    checkBucketIndex(bucket);
    this.checkFresh();
    return readHash(this, LEAF_OFFSET + bucket);
  }

  siblings(bucket: number): Uint8Array[] {
    this.bringUpToDate();
    return siblingsOf(this, bucket);
  }

  /** A pending on top of this one; the child's commit() writes into this pending. */
  pending(): PendingTree {
    return new PendingTree(this);
  }

  /** Writes the changes into the base and empties this pending. */
  commit(): void {
    const base = this.base;
    if (base instanceof BucketTree) {
      this.bringUpToDate();
      base[applyOverlay](this.slotIndex, this.store);
    } else {
      // read everything first: each setBucket bumps the base version, making reads here stale
      for (const [b, h] of this.changedBuckets()) base.setBucket(b, h);
    }
    this.slotOf = undefined;
    this.slotIndex = [];
    this.store = Buffer.alloc(0);
    this.dirty = new Set();
    this.changed.clear();
    this.baseVersion = base.version;
  }

  [copyNode](index: number, target: Buffer, offset: number): void {
    this.bringUpToDate();
    this.readNode(index, target, offset);
  }

  /** Reads a node assuming the overlay is up to date on the paths being read. */
  private readNode(index: number, target: Buffer, offset: number): void {
    const slot = this.slotOf ? this.slotOf[index] : 0;
    if (slot === 0) this.base[copyNode](index, target, offset);
    else copy32(this.store, (slot - 1) * HASH_BYTES, target, offset);
  }

  private slotFor(index: number): number {
    if (!this.slotOf) this.slotOf = new Int32Array(NODE_SLOTS);
    const existing = this.slotOf[index];
    if (existing !== 0) return existing - 1;
    const slot = this.slotIndex.length;
    if ((slot + 1) * HASH_BYTES > this.store.length) {
      const grown = Buffer.alloc(Math.max(64 * HASH_BYTES, 2 * this.store.length));
      this.store.copy(grown);
      this.store = grown;
    }
    this.slotIndex.push(index);
    this.slotOf[index] = slot + 1;
    return slot;
  }

  private checkFresh(): void {
    if (this.base.version !== this.baseVersion) {
      throw new TelchainError(
        "STATE_PENDING_STALE",
        "the base state tree changed after this pending tree was created",
      );
    }
  }

  private bringUpToDate(): void {
    this.checkFresh();
    if (this.dirty.size === 0) return;
    // the base must be settled first: computing below reuses the shared NODE_INPUT buffer
    if (this.base instanceof PendingTree) this.base.bringUpToDate();
    let level = [...this.dirty].map((b) => LEAF_OFFSET + b).sort((a, b) => a - b);
    this.dirty = new Set();
    while (level[0] > 1) {
      const parents: number[] = [];
      for (const idx of level) {
        const p = idx >> 1;
        if (parents.length > 0 && parents[parents.length - 1] === p) continue;
        parents.push(p);
        this.readNode(2 * p, NODE_INPUT, NODE_LEFT);
        this.readNode(2 * p + 1, NODE_INPUT, NODE_LEFT + HASH_BYTES);
        const slot = this.slotFor(p); // may grow the store, so look it up before copying in
        copy32(hashNodeInput(), 0, this.store, slot * HASH_BYTES);
      }
      level = parents;
    }
  }
}
