/**
 * SSZ schemas of the carriers module, with the rules of their fields (consensus: every node
 * must agree). Text fields are UTF-8 strings encoded as byte lists, checked where decoded:
 *
 *   id              ^[A-Z0-9]{3,8}$, like a service provider id (SPID); upper case only so
 *                   that "aaa" and "AAA" cannot be two carriers (CARRIER_BAD_ID)
 *   name            1..64 bytes of UTF-8 without control characters
 *   routingPrefixes 1..16 distinct strings of 1..15 digits not starting with 0 (E.164 style:
 *                   a routing number of the carrier starts with one of them)
 *   sipIngress      0..8 distinct entries: a sip:/sips: URI (no spaces or control characters,
 *                   at most 255 bytes) or host:port (hostname, IPv4 or [IPv6], port 1..65535)
 * The list rules (at least one prefix, distinct entries) are the kinds' parse (kinds/common.ts).
 */
import { type CompositeType, ContainerType, ListCompositeType, type ValueOf } from "@chainsafe/ssz";
import { Bytes32, Uint53 } from "../../codec/schema.js";
import { type TextType, text } from "../../codec/text.js";

export const MAX_OPERATORS = 8;
const DATA = "CARRIER_BAD_DATA";
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const HOST = `(?=[A-Za-z0-9.-]{1,253}:)${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]{2,45}\\]`;
const PORT =
  "(?=[0-9]{1,5}$)0*(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})";

export const CarrierId = text({
  maxBytes: 8,
  pattern: /^[A-Z0-9]{3,8}$/,
  name: "carrier id",
  describe: "3 to 8 upper-case letters or digits (like a SPID)",
  code: "CARRIER_BAD_ID",
});
const Name = text({
  maxBytes: 64,
  minBytes: 1,
  pattern: /^\P{Cc}*$/u,
  name: "name",
  describe: "1 to 64 bytes without control characters",
  code: DATA,
});
const Prefix = text({
  maxBytes: 15,
  pattern: /^[1-9][0-9]*$/,
  name: "routing prefix",
  describe: "1 to 15 digits not starting with 0",
  code: DATA,
});
const Sip = text({
  maxBytes: 255,
  pattern: new RegExp(`^(?:sips?:[^\\s\\p{Cc}]+|(?:${HOST}):${PORT})$`, "u"),
  name: "SIP ingress",
  describe: "a sip:/sips: URI or host:port (at most 255 bytes)",
  code: DATA,
});
/** A list of texts, encoded like a list of byte lists (SSZ's typings want a composite element). */
const texts = (t: TextType, limit: number) =>
  new ListCompositeType(t as unknown as CompositeType<string, unknown, unknown>, limit);
const PrefixList = texts(Prefix, 16);
const SipList = texts(Sip, 8);
const KeyList = new ListCompositeType(Bytes32, MAX_OPERATORS);

/** carriers/register and carriers/update carry the same fields. */
export const CarrierDataPayload = new ContainerType(
  { id: CarrierId, name: Name, routingPrefixes: PrefixList, sipIngress: SipList },
  { typeName: "CarrierData" },
);
export type CarrierData = ValueOf<typeof CarrierDataPayload>;

/** carriers/rotate-keys: operator keys to add and remove (removals first). */
export const RotateKeysPayload = new ContainerType(
  { id: CarrierId, add: KeyList, remove: KeyList },
  { typeName: "CarrierRotateKeys" },
);
export type RotateKeys = ValueOf<typeof RotateKeysPayload>;

/** A registered carrier, at key c/<id>; what the keeper gives other modules. */
export const CarrierEntry = new ContainerType(
  {
    id: CarrierId,
    name: Name,
    /** Ed25519 public keys allowed to act for the carrier (1..8). */
    operators: KeyList,
    /** Routing-number prefixes, in the carrier's order; the first is its default. */
    routingPrefixes: PrefixList,
    sipIngress: SipList,
    registeredAt: Uint53,
  },
  { typeName: "CarrierEntry" },
);
export type CarrierEntry = ValueOf<typeof CarrierEntry>;
