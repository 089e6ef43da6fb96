/**
 * enum/verifier-register and enum/verifier-revoke.
 *
 * The sender's key IS the verifier key; registering holds verifierBond (its name is checked
 * by its text type, schemas.ts VerifierName). A revoked key stays revoked for good (a
 * compromised key cannot come back). Revocation by the verifier itself (resignation)
 * returns the bond and leaves its attestations standing until they run out; revocation by
 * the genesis `authority` burns the bond and withdraws its attestations at once (status.ts:
 * the numbers become "attestation-lapsed").
 */
import { equalBytes } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { VerifierRegisterPayload, VerifierRevokePayload } from "../schemas.js";
import { readParams, readVerifier, writeVerifier } from "../store.js";

export const verifierRegister = defineKind({
  payload: VerifierRegisterPayload,
  parse: (p) => p,
  apply(ctx, p) {
    const params = readParams(ctx.state);
    const existing = readVerifier(ctx.state, ctx.sender);
    if (existing)
      throw new TelchainError(
        "ENUM_VERIFIER_EXISTS",
        existing.revokedAt
          ? "this key was revoked as a verifier and cannot register again"
          : "this key is already a verifier",
      );
    ctx.accounts.debit(ctx.sender, params.verifierBond);
    writeVerifier(ctx.state, ctx.sender, {
      name: p.name,
      bond: params.verifierBond,
      registeredAt: ctx.block.height,
      revokedAt: 0,
      revokedByAuthority: false,
    });
  },
  toJSON: (p) => p,
});

export const verifierRevoke = defineKind({
  payload: VerifierRevokePayload,
  parse: (p) => p,
  apply(ctx, p) {
    const params = readParams(ctx.state);
    const v = readVerifier(ctx.state, p.verifier);
    if (!v)
      throw new TelchainError("ENUM_VERIFIER_UNKNOWN", `${encodeAddress(p.verifier)} is not a verifier`);
    if (v.revokedAt !== 0)
      throw new TelchainError(
        "ENUM_VERIFIER_REVOKED",
        `verifier was already revoked at height ${v.revokedAt}`,
      );
    const self = equalBytes(ctx.sender, p.verifier);
    const byAuthority = !self && params.hasAuthority && equalBytes(ctx.sender, params.authority);
    if (!self && !byAuthority)
      throw new TelchainError(
        "ENUM_NOT_AUTHORIZED",
        "only the verifier itself or the enum authority may revoke it",
      );
    if (self) ctx.accounts.credit(p.verifier, v.bond);
    writeVerifier(ctx.state, p.verifier, {
      ...v,
      bond: 0n,
      revokedAt: ctx.block.height,
      revokedByAuthority: byAuthority,
    });
  },
  toJSON: (p) => ({ verifier: encodeAddress(p.verifier) }),
  parties: (p) => [p.verifier],
});
