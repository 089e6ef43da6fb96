/**
 * Signing an attestation "owner controls number from now for `validitySeconds`", shared by
 * `verifier serve` and the CLI's local dev attestation.
 */
import { randomBytes } from "node:crypto";
import { signAttestation } from "../attestation.js";
import type { Attestation } from "../schemas.js";

/** 90 days, the default validity of an attestation. */
export const DEFAULT_VALIDITY_SECONDS = 90 * 86_400;

/**
 * validFrom is set this far before the signing time. The chain checks the window against
 * block timestamps, which may trail the verifier's clock (the mempool even checks against
 * the head block's time, up to a block interval behind): an attestation valid "from now"
 * would be refused as not yet valid.
 */
export const CLOCK_SKEW_SECONDS = 600;

export function signClaim(opts: {
  seed32: Uint8Array;
  chainId: string;
  number: string;
  owner: Uint8Array;
  /** Unix seconds. */
  now: number;
  validitySeconds: number;
}): Attestation {
  return signAttestation(opts.seed32, opts.chainId, {
    number: opts.number,
    owner: opts.owner,
    validFrom: Math.max(0, opts.now - CLOCK_SKEW_SECONDS),
    validUntil: opts.now + opts.validitySeconds,
    nonce: new Uint8Array(randomBytes(32)),
  });
}
