/** Helpers the kinds share: the number (and records) of a payload, the owner's kinds, JSON forms. */
import type { Type } from "@chainsafe/ssz";
import { equalBytes, toHex } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import { defineKind } from "../../../module/kind.js";
import { type E164, parseE164 } from "../../../telephony/e164.js";
import { validateRecords } from "../records.js";
import type { Attestation, EnumParams, NaptrRecord, NumberEntry } from "../schemas.js";
import { isFree } from "../status.js";
import { readNumber, readParams, writeNumber } from "../store.js";

type NumberPayload = { number: string; records?: NaptrRecord[] };
export type Parsed<P> = P & { n: E164 };

/** The stateless part of every payload with a number: the number parsed, the records canonical. */
export function parseNumber<P extends NumberPayload>(p: P): Parsed<P> {
  const n = parseE164(p.number, "ENUM_BAD_NUMBER");
  return p.records ? { ...p, n, records: validateRecords(p.records) } : { ...p, n };
}

/** The records against the chain's maxRecords param (parse checked them against the hard cap). */
export function fitRecords(records: NaptrRecord[] | undefined, params: EnumParams): void {
  if (records && records.length > params.maxRecords)
    throw new TelchainError(
      "ENUM_BAD_RECORD",
      `${records.length} records, at most ${params.maxRecords} allowed`,
    );
}

/**
 * The entry of a number the sender owns and still holds (active, lapsed or in grace).
 * Refuses with ENUM_NOT_FOUND, ENUM_EXPIRED (past grace: the owner lost it) or ENUM_NOT_OWNER.
 */
function ownedEntry(ctx: TxContext, params: EnumParams, n: E164): NumberEntry {
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

/** A kind of the number's owner: `update` turns the entry the sender holds into the new one. */
export function ownerKind<P extends NumberPayload>(
  payload: Type<P>,
  update: (ctx: TxContext, a: Parsed<P>, entry: NumberEntry, params: EnumParams) => NumberEntry,
  toJSON: (p: P) => unknown,
  parties?: (a: Parsed<P>) => Uint8Array[],
) {
  return defineKind({
    payload,
    parse: (p: P) => parseNumber(p),
    apply(ctx, a) {
      const params = readParams(ctx.state);
      fitRecords(a.records, params);
      writeNumber(ctx.state, a.n.digits, update(ctx, a, ownedEntry(ctx, params, a.n), params));
    },
    toJSON,
    parties,
  });
}

export function attestationJson(a: Attestation): unknown {
  return {
    ...a,
    verifier: encodeAddress(a.verifier),
    owner: encodeAddress(a.owner),
    nonce: toHex(a.nonce),
    signature: toHex(a.signature),
  };
}
