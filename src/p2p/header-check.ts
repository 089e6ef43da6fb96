/**
 * Checks of a batch of headers received during sync, before any body is fetched: the
 * heights run on from `firstHeight`, each carries its own proof of work, and each links to
 * the previous one.
 */

import { equalBytes, toHex } from "../bytes.js";
import { checkProofOfWork } from "../chain/pow.js";
import { headerHash } from "../codec/hashing.js";
import type { Header } from "../codec/schema.js";

export type HeaderCheck =
  | { ok: true; hashes: Uint8Array[] }
  /** `first`: the batch does not attach to `parentHash` (the peer's chain may have moved). */
  | { ok: false; reason: string; first: boolean };

export function checkHeaderBatch(
  headers: Header[],
  firstHeight: number,
  parentHash: Uint8Array,
): HeaderCheck {
  const hashes: Uint8Array[] = [];
  let prev = parentHash;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    if (h.height !== firstHeight + i) {
      return {
        ok: false,
        reason: `header ${i} has height ${h.height}, expected ${firstHeight + i}`,
        first: false,
      };
    }
    // Proof of work before linkage: a header that does not attach is excused only if it is real.
    const hash = headerHash(h);
    if (!checkProofOfWork(hash, h.bits)) {
      return {
        ok: false,
        reason: `header ${h.height} (${toHex(hash)}) fails its proof of work`,
        first: false,
      };
    }
    if (!equalBytes(h.parent, prev)) {
      return {
        ok: false,
        reason: `header ${h.height} names parent ${toHex(h.parent)}, expected ${toHex(prev)}`,
        first: i === 0,
      };
    }
    hashes.push(hash);
    prev = hash;
  }
  return { ok: true, hashes };
}
