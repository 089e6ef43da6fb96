/**
 * The resource records the ENUM zone serves, as dns-packet answers, and their TTLs.
 *
 * TTLs are short on purpose: the records follow the chain head, and a resolver must see a
 * change within about one block, so NAPTR, SOA and the negative-caching TTL (RFC 2308: the
 * smaller of the SOA TTL and its minimum field) are all 60 s. NS never changes: 3600 s.
 */

import type { NaptrRecord } from "../types.js";
import type { NaptrAnswer, NsAnswer, SoaAnswer } from "./packet.js";

export const NAPTR_TTL = 60;
export const SOA_TTL = 60;
export const NS_TTL = 3600;

/** SOA timers (seconds). Nobody transfers this zone (it lives on the chain); values are conventional. */
const SOA_REFRESH = 3600;
const SOA_RETRY = 600;
const SOA_EXPIRE = 86400;
/** Negative-caching TTL (RFC 2308 section 4). */
const SOA_MINIMUM = 60;

export function nameServerOf(apex: string): string {
  return `ns1.${apex}`;
}

export function soaRecord(apex: string, serial: number): SoaAnswer {
  return {
    type: "SOA",
    name: apex,
    ttl: SOA_TTL,
    class: "IN",
    data: {
      mname: nameServerOf(apex),
      rname: `hostmaster.${apex}`,
      // The serial is a 32-bit field; a head height beyond it wraps (RFC 1982 arithmetic).
      serial: serial >>> 0,
      refresh: SOA_REFRESH,
      retry: SOA_RETRY,
      expire: SOA_EXPIRE,
      minimum: SOA_MINIMUM,
    },
  };
}

/** NS at the apex. No glue A/AAAA: the server's address is not known to the zone. */
export function nsRecord(owner: string, apex: string): NsAnswer {
  return { type: "NS", name: owner, ttl: NS_TTL, class: "IN", data: nameServerOf(apex) };
}

export function naptrRecord(owner: string, record: NaptrRecord): NaptrAnswer {
  return {
    type: "NAPTR",
    name: owner,
    ttl: NAPTR_TTL,
    class: "IN",
    data: {
      order: record.order,
      preference: record.preference,
      flags: record.flags,
      services: record.service,
      regexp: record.regexp,
      replacement: record.replacement,
    },
  };
}

/**
 * Why a record cannot be put on the wire, or undefined if it can. The registry validates
 * records already; this guards the encoder, which would silently corrupt an over-long
 * character-string (its length byte wraps) instead of failing.
 */
export function naptrProblem(record: NaptrRecord): string | undefined {
  if (!isU16(record.order)) return `order ${record.order} is not 0..65535`;
  if (!isU16(record.preference)) return `preference ${record.preference} is not 0..65535`;
  if (!fitsCharacterString(record.flags)) return "flags longer than 255 bytes";
  if (!fitsCharacterString(record.service)) return "service longer than 255 bytes";
  if (!fitsCharacterString(record.regexp)) return "regexp longer than 255 bytes";
  return replacementProblem(record.replacement);
}

function isU16(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffff;
}

function fitsCharacterString(value: string): boolean {
  // A string of at most 85 characters is at most 255 UTF-8 bytes: skip the byte count.
  return typeof value === "string" && (value.length <= 85 || Buffer.byteLength(value) <= 255);
}

function replacementProblem(replacement: string): string | undefined {
  if (typeof replacement !== "string") return "replacement is not a string";
  if (replacement === "." || replacement === "") return undefined;
  const labels = replacement.replace(/\.$/, "").split(".");
  if (Buffer.byteLength(replacement) > 253) return "replacement longer than 253 bytes";
  for (const label of labels) {
    const length = Buffer.byteLength(label);
    if (length === 0 || length > 63) return `replacement label "${label}" is empty or longer than 63 bytes`;
  }
  return undefined;
}
