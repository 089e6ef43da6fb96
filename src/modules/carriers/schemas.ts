/**
 * SSZ schemas of the carriers module and the rules of their text fields (consensus), checked
 * where decoded; the list rules (a prefix at least, no entry twice) are the kinds' parse. An
 * id is like a service provider id (SPID), upper case only so that "aaa" and "AAA" cannot be
 * two carriers; a routing number of the carrier starts with one of its routing prefixes.
 */
import { type CompositeType, ContainerType, ListCompositeType, type ValueOf } from "@chainsafe/ssz";
import { Bytes32, Uint53 } from "../../codec/schema.js";
import { type TextType, text } from "../../codec/text.js";

export const MAX_OPERATORS = 8;
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const HOST = `(?=[A-Za-z0-9.-]{1,253}:)${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]{2,45}\\]`;
const PORT =
  "(?=[0-9]{1,5}$)0*(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})";
const SIP = new RegExp(`^(?:sips?:[^\\s\\p{Cc}]+|(?:${HOST}):${PORT})$`, "u");

/** A text rule: the field's name, its byte limit, the pattern it must match, what that means. */
const rule = (name: string, maxBytes: number, pattern: RegExp, describe: string, code = "CARRIER_BAD_DATA") =>
  text({ name, maxBytes, pattern, describe, code });
/** A list of texts, encoded like a list of byte lists (SSZ's typings want a composite element). */
const texts = (t: TextType, limit: number) =>
  new ListCompositeType(t as unknown as CompositeType<string, unknown, unknown>, limit);

const ID_RULE = "3 to 8 upper-case letters or digits (like a SPID)";
export const CarrierId = rule("carrier id", 8, /^[A-Z0-9]{3,8}$/, ID_RULE, "CARRIER_BAD_ID");
const Name = rule("name", 64, /^\P{Cc}+$/u, "1 to 64 bytes, no control characters");
const Prefix = rule("routing prefix", 15, /^[1-9][0-9]*$/, "1 to 15 digits not starting with 0");
const Sip = rule("SIP ingress", 255, SIP, "a sip:/sips: URI or host:port");
const Prefixes = texts(Prefix, 16);
const SipIngress = texts(Sip, 8);
const Keys = new ListCompositeType(Bytes32, MAX_OPERATORS);

/** carriers/register and carriers/update carry the same fields. */
export const CarrierDataPayload = new ContainerType(
  { id: CarrierId, name: Name, routingPrefixes: Prefixes, sipIngress: SipIngress },
  { typeName: "CarrierData" },
);
export type CarrierData = ValueOf<typeof CarrierDataPayload>;

/** carriers/rotate-keys: operator keys to add and remove (removals first). */
export const RotateKeysPayload = new ContainerType(
  { id: CarrierId, add: Keys, remove: Keys },
  { typeName: "CarrierRotateKeys" },
);

/** A registered carrier, at key c/<id>: its operator keys (1..8) act for it; the first prefix is its default. */
export const CarrierEntry = new ContainerType(
  {
    id: CarrierId,
    name: Name,
    operators: Keys,
    routingPrefixes: Prefixes,
    sipIngress: SipIngress,
    registeredAt: Uint53,
  },
  { typeName: "CarrierEntry" },
);
export type CarrierEntry = ValueOf<typeof CarrierEntry>;
