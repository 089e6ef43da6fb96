/** What the carrier kinds share: the list rules of carrier data, the operated carrier, free keys. */
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import type { CarrierData, CarrierEntry } from "../schemas.js";
import { carrierOfOperator, readCarrier } from "../store.js";

export const bad = (msg: string) => new TelchainError("CARRIER_BAD_DATA", msg);

/**
 * The list rules of register/update: at least one routing prefix, no entry twice (each
 * field's own rule is its text type, checked at decode).
 */
export function parseData(d: CarrierData): CarrierData {
  if (d.routingPrefixes.length === 0) throw bad("give 1 to 16 routing prefixes, got 0");
  if (new Set(d.routingPrefixes).size !== d.routingPrefixes.length)
    throw bad("routing prefixes must be distinct");
  if (new Set(d.sipIngress).size !== d.sipIngress.length) throw bad("SIP ingress entries must be distinct");
  return d;
}

/** The carrier `id`, which the sender must operate (CARRIER_UNKNOWN, CARRIER_NOT_OPERATOR). */
export function operatedCarrier(ctx: TxContext, id: string): CarrierEntry {
  const entry = readCarrier(ctx.state, id);
  if (!entry) throw new TelchainError("CARRIER_UNKNOWN", `no carrier ${id} is registered`);
  if (carrierOfOperator(ctx.state, ctx.sender) !== id)
    throw new TelchainError(
      "CARRIER_NOT_OPERATOR",
      `${encodeAddress(ctx.sender)} is not an operator key of carrier ${id}`,
    );
  return entry;
}

/** Refuses a key that already operates a carrier (CARRIER_KEY_IN_USE). */
export function ensureKeyFree(ctx: TxContext, pub: Uint8Array): void {
  const owner = carrierOfOperator(ctx.state, pub);
  if (owner !== undefined)
    throw new TelchainError(
      "CARRIER_KEY_IN_USE",
      `${encodeAddress(pub)} is already an operator key of carrier ${owner}`,
    );
}
