/**
 * State layout of the carriers module (keys relative to its prefix m/carriers/). This is
 * a CONTRACT other modules rely on (devices, numbers): keep it.
 *
 *   c/<id utf8>             -> CarrierEntry (SSZ)   a registered carrier
 *   k/<operator pubkey 32>  -> id utf8              the carrier an operator key acts for
 *                                                   (a key belongs to at most one carrier)
 *
 * Other modules read through readCarrier / carrierOfOperator with the reader from
 * ctx.moduleState("carriers") (or QueryContext.moduleState("carriers")).
 */
import { concatBytes } from "../../bytes.js";
import { utf8 } from "../../crypto/hash.js";
import type { StateReader, StateView } from "../../state/view.js";
import { CarrierEntry } from "./schemas.js";

export const CARRIERS_MODULE = "carriers";
export const CARRIER_PREFIX = utf8("c/");
export const OPERATOR_PREFIX = utf8("k/");

export const carrierKey = (id: string) => concatBytes(CARRIER_PREFIX, utf8(id));
export const operatorKey = (pub: Uint8Array) => concatBytes(OPERATOR_PREFIX, pub);

/** The carrier with this id, or undefined. `reader` is the carriers module's state. */
export function readCarrier(reader: StateReader, id: string): CarrierEntry | undefined {
  const v = reader.get(carrierKey(id));
  return v && CarrierEntry.deserialize(v);
}

/** The id of the carrier this key operates, or undefined. `reader` is the carriers module's state. */
export function carrierOfOperator(reader: StateReader, pubkey: Uint8Array): string | undefined {
  const v = reader.get(operatorKey(pubkey));
  return v && new TextDecoder().decode(v);
}

export function writeCarrier(state: StateView, entry: CarrierEntry): void {
  state.set(carrierKey(new TextDecoder().decode(entry.id)), CarrierEntry.serialize(entry));
}

export function setOperator(state: StateView, pub: Uint8Array, id: string): void {
  state.set(operatorKey(pub), utf8(id));
}

export function clearOperator(state: StateView, pub: Uint8Array): void {
  state.delete(operatorKey(pub));
}
