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

/** The status of a number at the head of `q`. */
export function numberStatus(entry: NumberEntry, q: QueryContext): NumberStatus {
  const params = readParams(q.state());
  const height = q.height();
  if (height > entry.expiresAt + params.gracePeriod) return "expired";
  if (height > entry.expiresAt) return "grace";
  if (q.timestamp() > entry.attestedUntil + params.attestationGrace) return "attestation-lapsed";
  const verifier = readVerifier(q.state(), entry.verifier);
  // An authority revocation withdraws trust in everything the verifier attested;
  // a verifier that resigns leaves its past attestations standing until they run out.
  if (!verifier || verifier.revokedByAuthority) return "attestation-lapsed";
  return "active";
}

/** Past the grace period the old owner has lost the number. */
export function isFree(entry: NumberEntry | undefined, params: EnumParams, height: number): boolean {
  return entry === undefined || height > entry.expiresAt + params.gracePeriod;
}
