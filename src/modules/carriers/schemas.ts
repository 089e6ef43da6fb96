/**
 * SSZ schemas of the carriers module: payloads and the stored CarrierEntry. Strings travel
 * as UTF-8 byte lists; the byte bounds are the codec's outer limits, the semantic rules
 * (id pattern, printable name, digit prefixes, SIP URIs) are in validate.ts.
 *
 * CarrierEntry is a CONTRACT: the devices module (and numbers) decode it. Keep the fields
 * and their order.
 */
import { ByteListType, ContainerType, ListCompositeType } from "@chainsafe/ssz";
import { Bytes32, Uint53 } from "../../codec/schema.js";

export const MAX_ID_BYTES = 8;
export const MAX_NAME_BYTES = 64;
export const MAX_PREFIX_DIGITS = 15;
export const MAX_PREFIXES = 16;
export const MAX_SIP_BYTES = 255;
export const MAX_SIP_INGRESS = 8;
export const MAX_OPERATORS = 8;

export const CarrierIdBytes = new ByteListType(MAX_ID_BYTES);
const PrefixList = new ListCompositeType(new ByteListType(MAX_PREFIX_DIGITS), MAX_PREFIXES);
const SipList = new ListCompositeType(new ByteListType(MAX_SIP_BYTES), MAX_SIP_INGRESS);
const KeyList = new ListCompositeType(Bytes32, MAX_OPERATORS);

/** carriers/register and carriers/update carry the same fields. */
export const CarrierDataPayload = new ContainerType(
  {
    id: CarrierIdBytes,
    name: new ByteListType(MAX_NAME_BYTES),
    routingPrefixes: PrefixList,
    sipIngress: SipList,
  },
  { typeName: "CarrierData" },
);
export interface CarrierDataPayload {
  id: Uint8Array;
  name: Uint8Array;
  routingPrefixes: Uint8Array[];
  sipIngress: Uint8Array[];
}

/** carriers/rotate-keys: operator keys to add and remove (removals first). */
export const RotateKeysPayload = new ContainerType(
  { id: CarrierIdBytes, add: KeyList, remove: KeyList },
  { typeName: "CarrierRotateKeys" },
);
export interface RotateKeysPayload {
  id: Uint8Array;
  add: Uint8Array[];
  remove: Uint8Array[];
}

/** A registered carrier, at key c/<id>. */
export const CarrierEntry = new ContainerType(
  {
    id: CarrierIdBytes,
    name: new ByteListType(MAX_NAME_BYTES),
    /** Ed25519 public keys allowed to act for the carrier (1..8). */
    operators: KeyList,
    /** Digit strings, each a routing-number prefix of the carrier (1..16). */
    routingPrefixes: PrefixList,
    /** sip:/sips: URIs or host:port (0..8). */
    sipIngress: SipList,
    registeredAt: Uint53,
  },
  { typeName: "CarrierEntry" },
);
export interface CarrierEntry {
  id: Uint8Array;
  name: Uint8Array;
  operators: Uint8Array[];
  routingPrefixes: Uint8Array[];
  sipIngress: Uint8Array[];
  registeredAt: number;
}
