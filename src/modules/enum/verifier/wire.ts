/**
 * The attestation as it travels between `verifier serve` and the CLI: every byte field as
 * hex, the times as unix seconds. `attestationFromWire` checks shapes and sizes, so a
 * malformed answer from a verifier is refused before it reaches a transaction.
 */
import { fromHexOrUndefined, toHex } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import type { Attestation } from "../schemas.js";
import type { AttestationWire } from "./service.js";

export function attestationToWire(a: Attestation): AttestationWire {
  return {
    verifier: toHex(a.verifier),
    number: a.number,
    owner: toHex(a.owner),
    validFrom: a.validFrom,
    validUntil: a.validUntil,
    nonce: toHex(a.nonce),
    signature: toHex(a.signature),
  };
}

function bytes(v: unknown, size: number, field: string): Uint8Array {
  const b = typeof v === "string" ? fromHexOrUndefined(v) : undefined;
  if (!b || b.length !== size)
    throw new TelchainError("ENUM_BAD_ATTESTATION", `attestation ${field} must be ${size} bytes of hex`);
  return b;
}

function seconds(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0)
    throw new TelchainError("ENUM_BAD_ATTESTATION", `attestation ${field} must be unix seconds`);
  return v;
}

export function attestationFromWire(w: unknown): Attestation {
  if (typeof w !== "object" || w === null)
    throw new TelchainError("ENUM_BAD_ATTESTATION", "attestation must be an object");
  const o = w as Record<string, unknown>;
  if (typeof o.number !== "string" || o.number.length > 16)
    throw new TelchainError("ENUM_BAD_ATTESTATION", "attestation number must be E.164 text");
  return {
    verifier: bytes(o.verifier, 32, "verifier"),
    number: o.number,
    owner: bytes(o.owner, 32, "owner"),
    validFrom: seconds(o.validFrom, "validFrom"),
    validUntil: seconds(o.validUntil, "validUntil"),
    nonce: bytes(o.nonce, 32, "nonce"),
    signature: bytes(o.signature, 64, "signature"),
  };
}
