/**
 * The carriers module's rules for its fields (consensus: every node must agree):
 *
 *   id              ^[A-Z0-9]{3,8}$, like a service provider id (SPID); upper case only so
 *                   that "aaa" and "AAA" cannot be two carriers
 *   name            1..64 bytes of UTF-8 without control characters
 *   routingPrefixes 1..16 distinct strings of 1..15 digits not starting with 0 (E.164 style:
 *                   a routing number of the carrier starts with one of them)
 *   sipIngress      0..8 distinct entries: a sip:/sips: URI (no spaces or control
 *                   characters, at most 255 bytes) or host:port (hostname, IPv4 or [IPv6],
 *                   port 1..65535)
 */
import { taggedHash, utf8 } from "../../crypto/hash.js";
import { TelchainError } from "../../errors.js";
import {
  type CarrierDataPayload,
  MAX_NAME_BYTES,
  MAX_PREFIX_DIGITS,
  MAX_PREFIXES,
  MAX_SIP_BYTES,
  MAX_SIP_INGRESS,
} from "./schemas.js";

export const CARRIER_ID = /^[A-Z0-9]{3,8}$/;
const PREFIX = new RegExp(`^[1-9][0-9]{0,${MAX_PREFIX_DIGITS - 1}}$`);
const SIP_URI = /^sips?:[^\s\p{Cc}]+$/u;
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}\]$/;
const CONTROL = /\p{Cc}/u;

const decoder = new TextDecoder("utf-8", { fatal: true });

function text(b: Uint8Array, code: string, what: string): string {
  try {
    return decoder.decode(b);
  } catch {
    throw new TelchainError(code, `${what} is not valid UTF-8`);
  }
}

/** A carrier id from text (CARRIER_BAD_ID). */
export function checkCarrierId(id: string): string {
  if (!CARRIER_ID.test(id))
    throw new TelchainError(
      "CARRIER_BAD_ID",
      `carrier id "${id.slice(0, 16)}" must be 3 to 8 upper-case letters or digits (like a SPID)`,
    );
  return id;
}

/** A carrier id from a payload's bytes (CARRIER_BAD_ID). */
export function payloadCarrierId(b: Uint8Array): string {
  return checkCarrierId(text(b, "CARRIER_BAD_ID", "carrier id"));
}

function bad(msg: string): TelchainError {
  return new TelchainError("CARRIER_BAD_DATA", msg);
}

export function checkName(name: string): void {
  const bytes = utf8(name).length;
  if (bytes === 0 || bytes > MAX_NAME_BYTES)
    throw bad(`name must be 1 to ${MAX_NAME_BYTES} bytes, got ${bytes}`);
  if (CONTROL.test(name)) throw bad("name must not contain control characters");
}

export function checkRoutingPrefixes(prefixes: string[]): void {
  if (prefixes.length === 0 || prefixes.length > MAX_PREFIXES)
    throw bad(`give 1 to ${MAX_PREFIXES} routing prefixes, got ${prefixes.length}`);
  for (const p of prefixes)
    if (!PREFIX.test(p))
      throw bad(
        `routing prefix "${p.slice(0, 20)}" must be 1 to ${MAX_PREFIX_DIGITS} digits not starting with 0`,
      );
  if (new Set(prefixes).size !== prefixes.length) throw bad("routing prefixes must be distinct");
}

function isHostPort(s: string): boolean {
  const i = s.lastIndexOf(":");
  if (i <= 0) return false;
  const host = s.slice(0, i);
  const port = s.slice(i + 1);
  if (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return false;
  return HOSTNAME.test(host) || IPV6.test(host);
}

export function checkSipIngress(list: string[]): void {
  if (list.length > MAX_SIP_INGRESS) throw bad(`at most ${MAX_SIP_INGRESS} SIP ingress entries`);
  for (const s of list) {
    if (utf8(s).length > MAX_SIP_BYTES) throw bad(`SIP ingress entry longer than ${MAX_SIP_BYTES} bytes`);
    if (!SIP_URI.test(s) && !isHostPort(s))
      throw bad(`SIP ingress "${s.slice(0, 40)}" must be a sip:/sips: URI or host:port`);
  }
  if (new Set(list).size !== list.length) throw bad("SIP ingress entries must be distinct");
}

export interface CarrierData {
  id: string;
  name: string;
  routingPrefixes: string[];
  sipIngress: string[];
}

/** Decodes and checks a register/update payload. */
export function carrierData(p: CarrierDataPayload): CarrierData {
  const id = payloadCarrierId(p.id);
  const name = text(p.name, "CARRIER_BAD_DATA", "name");
  checkName(name);
  const routingPrefixes = p.routingPrefixes.map((b) => text(b, "CARRIER_BAD_DATA", "routing prefix"));
  checkRoutingPrefixes(routingPrefixes);
  const sipIngress = p.sipIngress.map((b) => text(b, "CARRIER_BAD_DATA", "SIP ingress"));
  checkSipIngress(sipIngress);
  return { id, name, routingPrefixes, sipIngress };
}

/**
 * The routing prefix the CLI gives a carrier registered without --prefix: "1" and six
 * digits from a hash of the id, e.g. AAA -> "1xxxxxx". Deterministic, so a script that
 * registers AAA always gets the same prefix; not checked for uniqueness (two ids share a
 * default with odds of one in a million; give --prefix to choose).
 */
export function defaultRoutingPrefix(id: string): string {
  const h = taggedHash("telchain/carriers/default-prefix", utf8(checkCarrierId(id)));
  const n = new DataView(h.buffer, h.byteOffset, 4).getUint32(0) % 1_000_000;
  return `1${String(n).padStart(6, "0")}`;
}
