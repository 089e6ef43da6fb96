/**
 * Whether a number's records are served, and why not. Shared by the zone source (DNS), the
 * API and the kinds (who may still act on a number).
 *
 *   active              height <= expiresAt, the attestation holds: records served
 *   attestation-lapsed  height <= expiresAt, but head time > attestedUntil + attestationGrace,
 *                       or the verifier was revoked by the authority: not served until reattest
 *   grace               expiresAt < height <= expiresAt + gracePeriod: not served; the owner
 *                       may still renew (and set/transfer/reattest)
 *   expired             past the grace period: anyone may register the number again
 */
import type { QueryContext } from "../../module/interface.js";
import type { EnumParams, NumberEntry } from "./schemas.js";
import { readParams, readVerifier } from "./store.js";

export type NumberStatus = "active" | "expired" | "attestation-lapsed" | "grace";

/** The reads numberStatus makes besides the entry; a caller asking many at one head may memoize them. */
export interface StatusReads {
  params(): EnumParams;
  /** Whether the verifier's attestations stand (it exists and the authority did not revoke it). */
  verifierStands(verifier: Uint8Array): boolean;
}

/** The state reads of numberStatus, made every time. */
export function statusReads(q: QueryContext): StatusReads {
  return {
    params: () => readParams(q.state()),
    verifierStands(pub) {
      const verifier = readVerifier(q.state(), pub);
      // An authority revocation withdraws trust in everything the verifier attested;
      // a verifier that resigns leaves its past attestations standing until they run out.
      return verifier !== undefined && !verifier.revokedByAuthority;
    },
  };
}

/** The status of a number at the head of `q`. */
export function numberStatus(entry: NumberEntry, q: QueryContext, reads = statusReads(q)): NumberStatus {
  const params = reads.params();
  const height = q.height();
  if (height > entry.expiresAt + params.gracePeriod) return "expired";
  if (height > entry.expiresAt) return "grace";
  if (q.timestamp() > entry.attestedUntil + params.attestationGrace) return "attestation-lapsed";
  if (!reads.verifierStands(entry.verifier)) return "attestation-lapsed";
  return "active";
}

/** Past the grace period the old owner has lost the number. */
export function isFree(entry: NumberEntry | undefined, params: EnumParams, height: number): boolean {
  return entry === undefined || height > entry.expiresAt + params.gracePeriod;
}
