/**
 * Verifying a Merkle proof against a state root: the one implementation (the node builds
 * proofs with src/state/proof.ts and uses this to check them; the SDK and the explorer use it
 * in the browser). A proof carries the whole bucket of the key (its entries' key and value
 * hashes) plus the 16 sibling hashes from that bucket up to the root. Inclusion: the key's hash
 * is among the entries with the value's hash. Exclusion: it is not.
 */
import { compareBytes, equalBytes, fromHexOrUndefined } from "../bytes.js";
import {
  BUCKET_BITS,
  BUCKET_COUNT,
  bucketHash,
  bucketOf,
  HASH_BYTES,
  keyHash,
  nodeHash,
  valueHash,
} from "./hashes.js";

/** JSON-friendly proof, as returned by the API. All byte strings are lowercase hex. */
export interface StateProof {
  key: string;
  /** The value proven present, or null for a proof that the key is absent. */
  value: string | null;
  bucket: number;
  /** Every entry of the key's bucket, sorted by keyHash ascending. */
  entries: { keyHash: string; valueHash: string }[];
  /** BUCKET_BITS sibling hashes, leaf level first. */
  siblings: string[];
  root: string;
}

export type VerifyResult = { ok: true; value: Uint8Array | null } | { ok: false; reason: string };

function hash32(s: unknown): Uint8Array | undefined {
  if (typeof s !== "string") return undefined;
  const b = fromHexOrUndefined(s);
  return b && b.length === HASH_BYTES ? b : undefined;
}

function fail(reason: string): VerifyResult {
  return { ok: false, reason };
}

/**
 * Checks a proof end to end: well-formed fields, entries strictly sorted and all in the key's
 * bucket, key present with the value's hash (or absent when value is null), and the bucket hash
 * climbing the siblings to proof.root — and to `expectedRoot` when given (the root a light
 * client trusts from a header; without it the proof only shows self-consistency). Never throws:
 * any input, however malformed, gives { ok: false, reason }.
 */
export function verifyStateProof(proof: StateProof, expectedRoot?: Uint8Array): VerifyResult {
  if (typeof proof !== "object" || proof === null) return fail("proof is not an object");
  const key = typeof proof.key === "string" ? fromHexOrUndefined(proof.key) : undefined;
  if (!key) return fail("key is not hex");
  let value: Uint8Array | null = null;
  if (proof.value !== null) {
    const v = typeof proof.value === "string" ? fromHexOrUndefined(proof.value) : undefined;
    if (!v) return fail("value is neither null nor hex");
    value = v;
  }
  const root = hash32(proof.root);
  if (!root) return fail("root is not a 32-byte hex hash");
  if (!Array.isArray(proof.entries)) return fail("entries is not an array");
  if (!Array.isArray(proof.siblings) || proof.siblings.length !== BUCKET_BITS) {
    return fail(`siblings must be ${BUCKET_BITS} hashes`);
  }

  const kh = keyHash(key);
  const bucket = bucketOf(kh);
  if (proof.bucket !== bucket)
    return fail(`bucket ${String(proof.bucket)} is not the key's bucket ${bucket}`);

  const entries: { keyHash: Uint8Array; valueHash: Uint8Array }[] = [];
  let own: { keyHash: Uint8Array; valueHash: Uint8Array } | undefined;
  for (const [n, raw] of proof.entries.entries()) {
    const e = typeof raw === "object" && raw !== null ? raw : undefined;
    const ekh = hash32(e?.keyHash);
    const evh = hash32(e?.valueHash);
    if (!ekh || !evh) return fail(`entry ${n} is not a pair of 32-byte hex hashes`);
    if (bucketOf(ekh) !== bucket) return fail(`entry ${n} is not in bucket ${bucket}`);
    if (entries.length > 0 && compareBytes(entries[entries.length - 1].keyHash, ekh) >= 0) {
      return fail(`entry ${n} is not strictly after the previous one`);
    }
    const entry = { keyHash: ekh, valueHash: evh };
    if (equalBytes(ekh, kh)) own = entry;
    entries.push(entry);
  }
  if (value === null) {
    if (own) return fail("key is present in its bucket, so it cannot be proven absent");
  } else {
    if (!own) return fail("key is absent from its bucket");
    if (!equalBytes(own.valueHash, valueHash(value))) return fail("value does not match the committed hash");
  }

  let node = bucketHash(entries);
  let idx = BUCKET_COUNT + bucket;
  for (const [level, s] of proof.siblings.entries()) {
    const sib = hash32(s);
    if (!sib) return fail(`sibling ${level} is not a 32-byte hex hash`);
    node = idx % 2 === 0 ? nodeHash(node, sib) : nodeHash(sib, node);
    idx >>= 1;
  }
  if (!equalBytes(node, root)) return fail("recomputed root does not match proof.root");
  if (expectedRoot && !equalBytes(root, expectedRoot)) return fail("proof.root is not the expected root");
  return { ok: true, value };
}
