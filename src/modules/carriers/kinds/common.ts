/** Helpers the carrier kinds share: the operated carrier, key checks, JSON forms. */
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import type { CarrierEntry } from "../schemas.js";
import { carrierOfOperator, readCarrier } from "../store.js";

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

export const text = (b: Uint8Array) => new TextDecoder().decode(b);

export function carrierDataJson(p: {
  id: Uint8Array;
  name: Uint8Array;
  routingPrefixes: Uint8Array[];
  sipIngress: Uint8Array[];
}) {
  return {
    id: text(p.id),
    name: text(p.name),
    routingPrefixes: p.routingPrefixes.map(text),
    sipIngress: p.sipIngress.map(text),
  };
}
