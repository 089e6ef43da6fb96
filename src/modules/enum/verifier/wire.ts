/**
 * The attestation as it travels between `verifier serve` and the CLI: every byte field as
 * hex, the times as unix seconds. `attestationFromWire` checks shapes and sizes against the
 * schema, so a malformed answer from a verifier is refused before it reaches a transaction.
 */
import { type Static, Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { fromHex, toHex } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import type { Attestation } from "../schemas.js";

const hex = (bytes: number) =>
  Type.String({ pattern: `^[0-9a-fA-F]{${2 * bytes}}$`, description: `${bytes} bytes hex` });
export const AttestationWireSchema = Type.Object({
  verifier: hex(32),
  number: Type.String({ maxLength: 16, description: "E.164 text" }),
  owner: hex(32),
  validFrom: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "unix seconds" }),
  validUntil: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  nonce: hex(32),
  signature: hex(64),
});
export type AttestationWire = Static<typeof AttestationWireSchema>;

export function attestationToWire(a: Attestation): AttestationWire {
  const { verifier, owner, nonce, signature } = a;
  return {
    ...a,
    verifier: toHex(verifier),
    owner: toHex(owner),
    nonce: toHex(nonce),
    signature: toHex(signature),
  };
}

export function attestationFromWire(w: unknown): Attestation {
  if (!Value.Check(AttestationWireSchema, w)) {
    const first = [...Value.Errors(AttestationWireSchema, w)][0];
    throw new TelchainError(
      "ENUM_BAD_ATTESTATION",
      `attestation${first?.path ?? ""}: ${first?.message ?? "malformed"}`,
    );
  }
  const { verifier, owner, nonce, signature } = w;
  return {
    ...w,
    verifier: fromHex(verifier),
    owner: fromHex(owner),
    nonce: fromHex(nonce),
    signature: fromHex(signature),
  };
}
