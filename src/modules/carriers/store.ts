/**
 * State layout of the carriers module (keys relative to its prefix m/carriers/). Other
 * modules read it only through the keeper (keeper.ts).
 *
 *   c/<id utf8>             -> CarrierEntry (SSZ)   a registered carrier
 *   k/<operator pubkey 32>  -> id utf8              the carrier an operator key acts for
 *                                                   (a key belongs to at most one carrier)
 */
import { concatBytes } from "../../bytes.js";
import { utf8 } from "../../crypto/hash.js";
import type { StateReader, StateView } from "../../state/view.js";
import { CarrierEntry } from "./schemas.js";

export const CARRIER_PREFIX = utf8("c/");
const carrierKey = (id: string) => concatBytes(CARRIER_PREFIX, utf8(id));
const operatorKey = (pub: Uint8Array) => concatBytes(utf8("k/"), pub);

export function readCarrier(state: StateReader, id: string): CarrierEntry | undefined {
  const v = state.get(carrierKey(id));
  return v && CarrierEntry.deserialize(v);
}

/** The id of the carrier this key operates, or undefined. */
export function carrierOfOperator(state: StateReader, pub: Uint8Array): string | undefined {
  const v = state.get(operatorKey(pub));
  return v && new TextDecoder().decode(v);
}

export const writeCarrier = (state: StateView, e: CarrierEntry) =>
  state.set(carrierKey(e.id), CarrierEntry.serialize(e));
export const setOperator = (state: StateView, pub: Uint8Array, id: string) =>
  state.set(operatorKey(pub), utf8(id));
export const clearOperator = (state: StateView, pub: Uint8Array) => state.delete(operatorKey(pub));
