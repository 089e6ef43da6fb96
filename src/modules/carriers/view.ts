/** The JSON form of a carrier, shared by the API and the CLI. */
import { encodeAddress } from "../../crypto/address.js";
import type { CarrierEntry } from "./schemas.js";

export interface CarrierView {
  id: string;
  name: string;
  /** Operator keys as addresses (tel1...). */
  operators: string[];
  routingPrefixes: string[];
  sipIngress: string[];
  registeredAt: number;
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

export function carrierView(e: CarrierEntry): CarrierView {
  return {
    id: text(e.id),
    name: text(e.name),
    operators: e.operators.map(encodeAddress),
    routingPrefixes: e.routingPrefixes.map(text),
    sipIngress: e.sipIngress.map(text),
    registeredAt: e.registeredAt,
  };
}
