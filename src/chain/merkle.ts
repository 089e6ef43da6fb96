/**
 * Transaction root: an RFC 6962 (Certificate Transparency) Merkle tree over 32-byte tx hashes.
 * Leaves and inner nodes are hashed with different prefixes and an odd node is never duplicated,
 * so unlike Bitcoin's tree (CVE-2012-2459) no two different lists share a root, and a 64-byte inner
 * node can never pass for a leaf.
 */
import { equalBytes } from "../bytes.js";
import { sha256 } from "../crypto/hash.js";
import { TelchainError } from "../errors.js";

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** Root of the empty list: SHA-256 of no bytes, as in RFC 6962. */
export const EMPTY_MERKLE_ROOT: Uint8Array = sha256();

function leafHash(leaf: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, leaf);
}

function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

/** Largest power of two strictly smaller than n (n >= 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkLeaves(leaves: Uint8Array[]): void {
  for (const [i, leaf] of leaves.entries()) {
    if (leaf.length !== 32) {
      throw new TelchainError(
        "MERKLE_BAD_LEAF",
        `leaf ${i} must be a 32-byte hash, got ${leaf.length} bytes`,
      );
    }
  }
}

function subtreeRoot(leaves: Uint8Array[], from: number, to: number): Uint8Array {
  const n = to - from;
  if (n === 1) return leafHash(leaves[from]);
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
}

export function merkleRoot(leaves: Uint8Array[]): Uint8Array {
  checkLeaves(leaves);
  if (leaves.length === 0) return EMPTY_MERKLE_ROOT;
  return subtreeRoot(leaves, 0, leaves.length);
}

/** Audit path for leaf `index`: sibling subtree roots from the leaf upward (RFC 6962 PATH). */
export function merkleProof(leaves: Uint8Array[], index: number): Uint8Array[] {
  checkLeaves(leaves);
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
    throw new TelchainError(
      "MERKLE_BAD_INDEX",
      `index ${index} is outside a tree of ${leaves.length} leaves`,
    );
  }
  const path: Uint8Array[] = [];
  let from = 0;
  let to = leaves.length;
  // Walk down from the root, collecting the sibling at each level, then reverse to leaf-first order.
  while (to - from > 1) {
    const k = splitPoint(to - from);
    if (index < from + k) {
      path.push(subtreeRoot(leaves, from + k, to));
      to = from + k;
    } else {
      path.push(subtreeRoot(leaves, from, from + k));
      from += k;
    }
  }
  return path.reverse();
}

/**
 * Checks that `leaf` sits at `index` in a tree of `count` leaves with the given root (RFC 9162 2.1.3.2).
 * As in Certificate Transparency, `count` must itself be trusted (e.g. committed alongside the root):
 * some paths also fit a different tree size.
 */
export function verifyMerkleProof(
  root: Uint8Array,
  leaf: Uint8Array,
  index: number,
  count: number,
  proof: Uint8Array[],
): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(count) || index < 0 || index >= count) return false;
  if (leaf.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  // fn/sn track the node's index and the last index at the current level; bigints avoid 32-bit shifts.
  let fn = BigInt(index);
  let sn = BigInt(count - 1);
  let r = leafHash(leaf);
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      // A right-edge node without a sibling is promoted: skip the levels where it stays alone.
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(r, root);
}
