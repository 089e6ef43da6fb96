/**
 * State layout of the carriers module (keys relative to m/carriers/); others use the keeper.
 *   c/<id utf8>             -> CarrierEntry (SSZ)   a registered carrier
 *   k/<operator pubkey 32>  -> id utf8              the one carrier an operator key acts for
 */
import { concatBytes } from "../../bytes.js";
import { utf8 } from "../../crypto/hash.js";
import type { StateReader, StateView } from "../../state/view.js";
import { CarrierEntry } from "./schemas.js";

export const CARRIER_PREFIX = utf8("c/");
const carrierKey = (id: string) => concatBytes(CARRIER_PREFIX, utf8(id));
const operatorKey = (pub: Uint8Array) => concatBytes(utf8("k/"), pub);

const decoded = <T>(v: Uint8Array | undefined, decode: (v: Uint8Array) => T) => (v ? decode(v) : undefined);

export const readCarrier = (state: StateReader, id: string) =>
  decoded(state.get(carrierKey(id)), (v) => CarrierEntry.deserialize(v));
/** The id of the carrier this key operates, or undefined. */
export const carrierOfOperator = (state: StateReader, pub: Uint8Array) =>
  decoded(state.get(operatorKey(pub)), (v) => new TextDecoder().decode(v));
export const writeCarrier = (state: StateView, e: CarrierEntry) =>
  state.set(carrierKey(e.id), CarrierEntry.serialize(e));
export const setOperator = (state: StateView, pub: Uint8Array, id: string) =>
  state.set(operatorKey(pub), utf8(id));
export const clearOperator = (state: StateView, pub: Uint8Array) => state.delete(operatorKey(pub));
