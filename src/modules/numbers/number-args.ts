/**
 * The arguments the numbers kinds share: the number (E.164, the ENUM module's rule, refused
 * as NUMBERS_BAD_NUMBER), carrier ids, and the routing number a carrier assigns.
 */
import { TelchainError } from "../../errors.js";
import { type E164, parseE164, parseRouteNumber } from "../../telephony/e164.js";
import type { CarrierEntry } from "../carriers/schemas.js";
import { checkCarrierId } from "../carriers/validate.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

function asNumbersError(f: () => E164): E164 {
  try {
    return f();
  } catch (e) {
    if (e instanceof TelchainError && e.code === "ENUM_BAD_NUMBER")
      throw new TelchainError("NUMBERS_BAD_NUMBER", e.message);
    throw e;
  }
}

/** An E.164 number as text ("+15551230000"). */
export function parseNumber(text: string): E164 {
  return asNumbersError(() => parseE164(text, "NUMBERS_BAD_NUMBER"));
}

/** A number in a URL path or CLI lookup: with or without the "+". */
export function parseLookupNumber(text: string): E164 {
  return asNumbersError(() => parseRouteNumber(text, "NUMBERS_BAD_NUMBER"));
}

export function payloadNumber(b: Uint8Array): E164 {
  let text: string;
  try {
    text = decoder.decode(b);
  } catch {
    throw new TelchainError("NUMBERS_BAD_NUMBER", "number is not valid UTF-8");
  }
  return parseNumber(text);
}

/** A carrier id in a numbers payload; a malformed id cannot name a registered carrier. */
export function payloadCarrier(b: Uint8Array): string {
  let text: string;
  try {
    text = decoder.decode(b);
    return checkCarrierId(text);
  } catch {
    throw new TelchainError("NUMBERS_CARRIER_UNKNOWN", "carrier id is not a valid id (^[A-Z0-9]{3,8}$)");
  }
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Stateless check of a routing number in a payload: empty, or 1..15 digits. */
export function checkRoutingNumber(b: Uint8Array): void {
  if (b.length > 0 && !/^[1-9][0-9]*$/.test(text(b)))
    throw new TelchainError(
      "NUMBERS_BAD_ROUTING_NUMBER",
      "routing number must be digits not starting with 0 (or empty for the carrier's first prefix)",
    );
}

/**
 * The routing number a carrier assigns: the requested one if it starts with one of the
 * carrier's routing prefixes, or the carrier's first prefix when none is requested.
 */
export function assignRoutingNumber(carrier: CarrierEntry, requested: Uint8Array): Uint8Array {
  if (requested.length === 0) return carrier.routingPrefixes[0];
  checkRoutingNumber(requested);
  const rn = text(requested);
  if (!carrier.routingPrefixes.some((p) => rn.startsWith(text(p))))
    throw new TelchainError(
      "NUMBERS_BAD_ROUTING_NUMBER",
      `routing number ${rn} does not start with a routing prefix of carrier ${text(carrier.id)} (${carrier.routingPrefixes.map(text).join(", ")})`,
    );
  return requested;
}
