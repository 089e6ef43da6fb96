/** Helpers the kinds share: the number argument, ownership, JSON forms. */
import { equalBytes, toHex } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import { type E164, parseE164 } from "../../../telephony/e164.js";
import { recordsFromSsz } from "../records.js";
import type { Attestation, EnumParams, NaptrSsz, NumberEntry } from "../schemas.js";
import { isFree } from "../status.js";
import { readNumber } from "../store.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The number field of a payload, checked (ENUM_BAD_NUMBER). */
export function payloadNumber(bytes: Uint8Array): E164 {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new TelchainError("ENUM_BAD_NUMBER", "number is not valid UTF-8");
  }
  return parseE164(text, "ENUM_BAD_NUMBER");
}

/**
 * The entry of a number the sender owns and still holds (active, lapsed or in grace).
 * Refuses with ENUM_NOT_FOUND, ENUM_EXPIRED (past grace: the owner lost it) or ENUM_NOT_OWNER.
 */
export function ownedEntry(ctx: TxContext, params: EnumParams, n: E164): NumberEntry {
  const entry = readNumber(ctx.state, n.digits);
  if (!entry) throw new TelchainError("ENUM_NOT_FOUND", `${n.text} is not registered`);
  if (isFree(entry, params, ctx.block.height))
    throw new TelchainError(
      "ENUM_EXPIRED",
      `${n.text} expired at height ${entry.expiresAt} and its grace period is over; register it again`,
    );
  if (!equalBytes(entry.owner, ctx.sender))
    throw new TelchainError("ENUM_NOT_OWNER", `${n.text} is owned by ${encodeAddress(entry.owner)}`);
  return entry;
}

export function safeText(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

export function recordsJson(list: NaptrSsz[]): unknown {
  try {
    return recordsFromSsz(list);
  } catch {
    return list.map((r) => ({
      ...r,
      flags: toHex(r.flags),
      service: toHex(r.service),
      regexp: toHex(r.regexp),
      replacement: toHex(r.replacement),
    }));
  }
}

export function attestationJson(a: Attestation): unknown {
  return {
    verifier: encodeAddress(a.verifier),
    number: safeText(a.number),
    owner: encodeAddress(a.owner),
    validFrom: a.validFrom,
    validUntil: a.validUntil,
    nonce: toHex(a.nonce),
    signature: toHex(a.signature),
  };
}
