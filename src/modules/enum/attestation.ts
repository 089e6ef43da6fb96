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
import { randomBytes } from "node:crypto";
import { u64be } from "../../bytes.js";
import { publicKeyFromSeed, sign, verify } from "../../crypto/ed25519.js";
import { taggedHash, utf8 } from "../../crypto/hash.js";
import type { Attestation } from "./schemas.js";

export const ATTEST_DOMAIN = "telchain/enum/attest/v1";
export const COMMIT_DOMAIN = "telchain/enum/commit/v1";
/** 90 days, the default validity of an attestation. */
export const DEFAULT_VALIDITY_SECONDS = 90 * 86_400;
/**
 * validFrom is set this far before the signing time. The chain checks the window against
 * block timestamps, which may trail the verifier's clock (the mempool even checks against
 * the head block's time, up to a block interval behind): an attestation valid "from now"
 * would be refused as not yet valid.
 */
export const CLOCK_SKEW_SECONDS = 600;

/**
 * The commitment of the commit → reveal registration (like Namecoin's name_new /
 * name_firstupdate): the commit tx publishes only this hash, so nobody watching the
 * mempool learns the number before the committer's reveal, and the hash binds the owner,
 * so a copied commit is useless to anyone else:
 *   taggedHash("telchain/enum/commit/v1", number (UTF-8 "+digits") || owner(32) || salt(32))
 */
export function commitHash(number: string, owner: Uint8Array, salt: Uint8Array): Uint8Array {
  if (owner.length !== 32 || salt.length !== 32) throw new RangeError("owner and salt must be 32 bytes");
  return taggedHash(COMMIT_DOMAIN, utf8(number), owner, salt);
}

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

/** Signs "owner controls number from now for `validitySeconds`" (`verifier serve`, the CLI's dev attestation). */
export function signClaim(o: {
  seed32: Uint8Array;
  chainId: string;
  number: string;
  owner: Uint8Array;
  /** Unix seconds. */
  now: number;
  validitySeconds: number;
}): Attestation {
  return signAttestation(o.seed32, o.chainId, {
    number: o.number,
    owner: o.owner,
    validFrom: Math.max(0, o.now - CLOCK_SKEW_SECONDS),
    validUntil: o.now + o.validitySeconds,
    nonce: new Uint8Array(randomBytes(32)),
  });
}
