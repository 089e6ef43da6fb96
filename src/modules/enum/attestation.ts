/**
 * Attestations: a verifier's signature over the WHOLE claim "owner controls number during
 * [validFrom, validUntil]" on this chain, with a single-use nonce:
 *
 *   taggedHash("telchain/enum/attest/v1",
 *              len(chainId) || chainId || number || owner || validFrom(u64) || validUntil(u64) || nonce)
 *
 * `number` is the E.164 text ("+15551234567", UTF-8); every field after it has a fixed size,
 * so the encoding is unambiguous. Emercoin's ENUM verifiers sign only the name, so a
 * signature can be replayed for another owner or after the check went stale; binding the
 * owner, the validity window, the chain and a nonce closes all four holes.
 *
 * The CLI and `verifier serve` build attestations with `signAttestation`; the chain checks
 * them with `verifyAttestationSignature` (the strict ed25519 rule of src/crypto/ed25519.ts).
 */
import { u64be } from "../../bytes.js";
import { publicKeyFromSeed, sign, verify } from "../../crypto/ed25519.js";
import { taggedHash, utf8 } from "../../crypto/hash.js";
import type { Attestation } from "./schemas.js";

export const ATTEST_DOMAIN = "telchain/enum/attest/v1";

/** The claim a verifier signs: an attestation without its verifier key and signature. */
export type AttestationClaim = Omit<Attestation, "verifier" | "signature">;

/** The 32-byte digest the verifier signs. */
export function attestationDigest(chainId: string, claim: AttestationClaim): Uint8Array {
  const id = utf8(chainId);
  if (id.length > 255) throw new RangeError("chain id longer than 255 bytes");
  if (claim.owner.length !== 32 || claim.nonce.length !== 32)
    throw new RangeError("owner and nonce must be 32 bytes");
  return taggedHash(
    ATTEST_DOMAIN,
    Uint8Array.of(id.length),
    id,
    utf8(claim.number),
    claim.owner,
    u64be(claim.validFrom),
    u64be(claim.validUntil),
    claim.nonce,
  );
}

/** Signs a claim with a verifier's 32-byte seed; the result goes into a register/reattest payload. */
export function signAttestation(seed32: Uint8Array, chainId: string, claim: AttestationClaim): Attestation {
  const { number, owner, validFrom, validUntil, nonce } = claim;
  const signature = sign(seed32, attestationDigest(chainId, claim));
  return { verifier: publicKeyFromSeed(seed32), number, owner, validFrom, validUntil, nonce, signature };
}

/** Whether `a.signature` is the verifier's valid (strict ed25519) signature of the claim in `a`. */
export function verifyAttestationSignature(chainId: string, a: Attestation): boolean {
  return verify(a.verifier, attestationDigest(chainId, a), a.signature);
}
