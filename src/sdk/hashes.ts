/**
 * The light client's hashes (browser-safe: @noble/hashes' SHA-256, no Buffer, no node:).
 * The same bytes as the node's: taggedHash of src/crypto/hash.ts, headerHash of
 * src/codec/hashing.ts and the state commitment's hashes of src/state/commitment.ts (which
 * keeps its own libsodium copies for speed; hashes.test.ts checks they agree on random input).
 *
 * taggedHash(tag, ...parts) = SHA-256(len(tag) as ONE byte || tag as UTF-8 || parts...).
 */
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { concatBytes } from "../bytes.js";

/** Bits of a key hash that pick its bucket (the tree's depth). */
export const BUCKET_BITS = 16;
export const BUCKET_COUNT = 1 << BUCKET_BITS;
export const HASH_BYTES = 32;

/** The four domains of the state commitment. */
export const STATE_TAGS = {
  key: "telchain/state/key",
  value: "telchain/state/value",
  bucket: "telchain/state/bucket",
  node: "telchain/state/node",
} as const;

const encoder = new TextEncoder();

export function sha256(...parts: Uint8Array[]): Uint8Array {
  return nobleSha256(parts.length === 1 ? parts[0] : concatBytes(...parts));
}

/** SHA-256(SHA-256(data)): the block hash of an encoded header. */
export function sha256d(data: Uint8Array): Uint8Array {
  return nobleSha256(nobleSha256(data));
}

/** SHA-256(len(tag) || tag || parts...), the length one byte (tags are under 256 bytes). */
export function taggedHash(tag: string, ...parts: Uint8Array[]): Uint8Array {
  const t = encoder.encode(tag);
  return sha256(Uint8Array.of(t.length), t, ...parts);
}

export const keyHash = (key: Uint8Array): Uint8Array => taggedHash(STATE_TAGS.key, key);
export const valueHash = (value: Uint8Array): Uint8Array => taggedHash(STATE_TAGS.value, value);

/** The bucket of a key hash: its first 16 bits, big-endian. */
export function bucketOf(keyHashBytes: Uint8Array): number {
  return (keyHashBytes[0] << 8) | keyHashBytes[1];
}

/**
 * Hash of a bucket whose entries are ALREADY sorted by key hash ascending (the caller checks):
 * taggedHash(bucket, kh1 || vh1 || kh2 || vh2 ...); an empty bucket is 32 zero bytes.
 */
export function bucketHash(sorted: readonly { keyHash: Uint8Array; valueHash: Uint8Array }[]): Uint8Array {
  if (sorted.length === 0) return new Uint8Array(HASH_BYTES);
  return taggedHash(STATE_TAGS.bucket, ...sorted.flatMap((e) => [e.keyHash, e.valueHash]));
}

/** An internal node: 32 zero bytes when both children are, else taggedHash(node, left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.every((b) => b === 0) && right.every((b) => b === 0)) return new Uint8Array(HASH_BYTES);
  return taggedHash(STATE_TAGS.node, left, right);
}
