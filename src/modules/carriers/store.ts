/**
 * State layout of the carriers module (keys relative to m/carriers/); others use the keeper.
 *   c/<id utf8>             -> CarrierEntry (SSZ)   a registered carrier
 *   k/<operator pubkey 32>  -> id utf8              the one carrier an operator key acts for
 */
import { concatBytes, utf8 } from "../../bytes.js";
import { entries } from "../../module/store.js";
import type { StateView } from "../../state/view.js";
import { CarrierEntry } from "./schemas.js";

export const CARRIER_PREFIX = utf8("c/");
export const carrierKey = (id: string) => concatBytes(CARRIER_PREFIX, utf8(id));
const operatorKey = (pub: Uint8Array) => concatBytes(utf8("k/"), pub);

/** An operator key's carrier id, stored as its UTF-8 bytes. */
const Utf8 = { serialize: utf8, deserialize: (v: Uint8Array) => new TextDecoder().decode(v) };
const carriers = entries(CarrierEntry, carrierKey);
const operators = entries(Utf8, operatorKey);

export const readCarrier = carriers.get;
/** The id of the carrier this key operates, or undefined. */
export const carrierOfOperator = operators.get;
export const writeCarrier = (state: StateView, e: CarrierEntry) => carriers.set(state, e.id, e);
export const { set: setOperator, delete: clearOperator } = operators;
