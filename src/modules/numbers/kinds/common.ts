/** What the numbers kinds share: parsing numbers, the record, carriers through their keeper. */
import { equalBytes } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import { type E164, parseE164 } from "../../../telephony/e164.js";
import type { ExpectedCarriers } from "../expected-keepers.js";
import type { NumberRecord } from "../schemas.js";
import { readRecord } from "../store.js";

/** An E.164 number (NUMBERS_BAD_NUMBER). */
export const parseNumber = (text: string): E164 => parseE164(text, "NUMBERS_BAD_NUMBER");

/** The parse of confirm and accept-port: the number and the requested routing number ("" = default). */
export const parseCarrierAct = (p: { number: string; routingNumber: string }) => ({
  n: parseNumber(p.number),
  routingNumber: p.routingNumber,
});

/** The record of a claimed or held number (NUMBERS_UNKNOWN). */
export function existingRecord(ctx: TxContext, n: E164): NumberRecord {
  const r = readRecord(ctx.state, n.digits);
  if (!r) throw new TelchainError("NUMBERS_UNKNOWN", `${n.text} is not claimed`);
  return r;
}

/** The record of a number the sender holds or claimed (NUMBERS_UNKNOWN, NUMBERS_NOT_HOLDER). */
export function heldRecord(ctx: TxContext, n: E164): NumberRecord {
  const r = existingRecord(ctx, n);
  if (!equalBytes(r.holder, ctx.sender))
    throw new TelchainError("NUMBERS_NOT_HOLDER", `${n.text} is held by ${encodeAddress(r.holder)}`);
  return r;
}

/** The routing prefixes of a registered carrier (NUMBERS_CARRIER_UNKNOWN). */
export function registeredCarrier(ctx: TxContext, id: string): { routingPrefixes: string[] } {
  const c = ctx.keeper<ExpectedCarriers>("carriers").carrier(id);
  if (!c) throw new TelchainError("NUMBERS_CARRIER_UNKNOWN", `no carrier ${id} is registered`);
  return c;
}

/** The sender must be an operator key of carrier `id` (NUMBERS_NOT_CARRIER). */
export function ensureOperatorOf(ctx: TxContext, id: string, what: string): void {
  if (ctx.keeper<ExpectedCarriers>("carriers").carrierOfOperator(ctx.sender) !== id)
    throw new TelchainError(
      "NUMBERS_NOT_CARRIER",
      `${what} must be signed by an operator key of carrier ${id}; ${encodeAddress(ctx.sender)} is not one`,
    );
}

/**
 * The routing number carrier `id` assigns: the requested one if it starts with one of the
 * carrier's routing prefixes, or the carrier's first prefix when none is requested.
 */
export function assignRoutingNumber(ctx: TxContext, id: string, requested: string): string {
  const { routingPrefixes } = registeredCarrier(ctx, id);
  if (requested === "") return routingPrefixes[0];
  if (!routingPrefixes.some((p) => requested.startsWith(p)))
    throw new TelchainError(
      "NUMBERS_BAD_ROUTING_NUMBER",
      `routing number ${requested} does not start with a routing prefix of carrier ${id} (${routingPrefixes.join(", ")})`,
    );
  return requested;
}
