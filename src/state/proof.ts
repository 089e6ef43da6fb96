/**
 * Merkle proofs against the state root (see commitment.ts): the whole bucket of the key (its
 * entries' key and value hashes) plus the 16 sibling hashes from that bucket up to the root.
 * Inclusion: the key's hash is among the entries with the value's hash. Exclusion: it is not.
 * Verifying one is the SDK's verifyStateProof (src/sdk/state-proof.ts).
 */
import { compareBytes, equalBytes, toHex } from "../bytes.js";
import { TelchainError } from "../errors.js";
import type { StateProof } from "../sdk/state-proof.js";
import {
  type BucketEntry,
  bucketHash,
  bucketOf,
  type CommitmentTree,
  keyHash,
  valueHash,
} from "./commitment.js";

/** The proof's JSON shape and its verifier live in the SDK (browser-safe, one implementation). */
export type { StateProof, VerifyResult } from "../sdk/state-proof.js";

/**
 * Builds the proof for `key` (present with `value`, or absent when `value` is undefined).
 * `bucketEntries` must be all entries of the key's bucket in the state the tree commits to;
 * they are checked against the tree so a wrong caller input fails here, not at the verifier.
 */
export function buildProof(
  tree: CommitmentTree,
  key: Uint8Array,
  value: Uint8Array | undefined,
  bucketEntries: readonly BucketEntry[],
): StateProof {
  const kh = keyHash(key);
  const bucket = bucketOf(kh);
  const entries = [...bucketEntries].sort((a, b) => compareBytes(a.keyHash, b.keyHash));
  for (const e of entries) {
    if (bucketOf(e.keyHash) !== bucket) {
      throw new TelchainError("STATE_PROOF_INPUT", `entry ${toHex(e.keyHash)} is not in bucket ${bucket}`);
    }
  }
  const own = entries.find((e) => equalBytes(e.keyHash, kh));
  if (value === undefined) {
    if (own) throw new TelchainError("STATE_PROOF_INPUT", "key is in the bucket entries but no value given");
  } else if (!own || !equalBytes(own.valueHash, valueHash(value))) {
    throw new TelchainError("STATE_PROOF_INPUT", "bucket entries do not contain the key with this value");
  }
  if (!equalBytes(bucketHash(entries), tree.bucketHash(bucket))) {
    throw new TelchainError("STATE_PROOF_INPUT", `bucket ${bucket} entries do not match the state tree`);
  }
  return {
    key: toHex(key),
    value: value === undefined ? null : toHex(value),
    bucket,
    entries: entries.map((e) => ({ keyHash: toHex(e.keyHash), valueHash: toHex(e.valueHash) })),
    siblings: tree.siblings(bucket).map(toHex),
    root: toHex(tree.root()),
  };
}
