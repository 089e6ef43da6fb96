/** The chain's acceptance rule for an attestation in a register or reattest transaction. */
import { equalBytes } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import { verifyAttestationSignature } from "../attestation.js";
import type { Attestation, EnumParams } from "../schemas.js";
import { markNonceUsed, nonceUsed, readVerifier } from "../store.js";

/**
 * Checks that `a` is a fresh, valid attestation by an active verifier that `owner`
 * controls `number` (E.164 text) at the block's time, then burns its nonce.
 * Refuses with ENUM_VERIFIER_UNKNOWN, ENUM_VERIFIER_REVOKED, ENUM_BAD_ATTESTATION,
 * ENUM_ATTESTATION_MISMATCH, ENUM_ATTESTATION_EXPIRED or ENUM_ATTESTATION_REPLAYED.
 */
export function acceptAttestation(
  ctx: TxContext,
  params: EnumParams,
  a: Attestation,
  number: string,
  owner: Uint8Array,
): void {
  const verifier = readVerifier(ctx.state, a.verifier);
  if (!verifier)
    throw new TelchainError(
      "ENUM_VERIFIER_UNKNOWN",
      `${encodeAddress(a.verifier)} is not a registered verifier`,
    );
  if (verifier.revokedAt !== 0)
    throw new TelchainError(
      "ENUM_VERIFIER_REVOKED",
      `verifier ${encodeAddress(a.verifier)} was revoked at height ${verifier.revokedAt}`,
    );
  if (!verifyAttestationSignature(ctx.block.chainId, a))
    throw new TelchainError(
      "ENUM_BAD_ATTESTATION",
      "attestation signature is not the verifier's signature of this claim",
    );
  if (a.number !== number)
    throw new TelchainError(
      "ENUM_ATTESTATION_MISMATCH",
      `attestation is for ${a.number.slice(0, 16)}, not ${number}`,
    );
  if (!equalBytes(a.owner, owner))
    throw new TelchainError(
      "ENUM_ATTESTATION_MISMATCH",
      `attestation names owner ${encodeAddress(a.owner)}, not ${encodeAddress(owner)}`,
    );
  if (a.validUntil < a.validFrom)
    throw new TelchainError("ENUM_BAD_ATTESTATION", "attestation validUntil is before validFrom");
  const now = ctx.block.timestamp;
  if (now < a.validFrom || now > a.validUntil)
    throw new TelchainError(
      "ENUM_ATTESTATION_EXPIRED",
      `block time ${now} is outside the attestation's window [${a.validFrom}, ${a.validUntil}]`,
    );
  if (a.validUntil - now > params.maxAttestationValidity)
    throw new TelchainError(
      "ENUM_BAD_ATTESTATION",
      `attestation runs ${a.validUntil - now} s ahead, more than maxAttestationValidity ${params.maxAttestationValidity} s`,
    );
  if (nonceUsed(ctx.state, a.verifier, a.nonce))
    throw new TelchainError("ENUM_ATTESTATION_REPLAYED", "this attestation's nonce was already used");
  markNonceUsed(ctx.state, a.verifier, a.nonce, ctx.block.height);
}
