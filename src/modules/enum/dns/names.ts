import { TelchainError } from "../../../errors.js";

/**
 * ENUM names (RFC 6116 section 2.4): the digits of an E.164 number reversed, one per label,
 * below an apex such as e164.arpa. Names here are presentation strings without the
 * trailing dot, as dns-packet decodes them.
 */

/** Where a query name falls relative to the zones served. */
export type NameLocation =
  | { kind: "outside" }
  | { kind: "apex"; apex: string }
  /** Below the apex but some label is not a single digit: no such name can exist. */
  | { kind: "invalid"; apex: string }
  /** Below the apex with single-digit labels; `digits` is the number they spell. */
  | { kind: "number"; apex: string; digits: string };

/** Lowercases and strips the trailing dot so apexes compare with decoded names. */
export function normalizeApex(apex: string): string {
  const trimmed = apex.trim().toLowerCase().replace(/\.$/, "");
  if (trimmed === "" || trimmed.startsWith(".") || trimmed.includes("..")) {
    throw new TelchainError("DNS_APEX_INVALID", `invalid DNS apex "${apex}"`);
  }
  return trimmed;
}

/**
 * Locates a query name among the apexes (normalized, see normalizeApex). Matching is
 * case-insensitive; when apexes nest, the longest (closest) one wins.
 */
export function locateName(name: string, apexes: readonly string[]): NameLocation {
  const lower = name.toLowerCase();
  let best: string | undefined;
  for (const apex of apexes) {
    const inside =
      lower === apex ||
      (lower.length > apex.length && lower.endsWith(apex) && lower[lower.length - apex.length - 1] === ".");
    if (inside && (best === undefined || apex.length > best.length)) best = apex;
  }
  if (best === undefined) return { kind: "outside" };
  if (lower.length === best.length) return { kind: "apex", apex: best };
  const prefix = lower.slice(0, lower.length - best.length - 1);
  const digits = digitsOfLabels(prefix);
  return digits === undefined ? { kind: "invalid", apex: best } : { kind: "number", apex: best, digits };
}

/** "7.6.5" → "567"; undefined unless every label is exactly one ASCII digit. */
function digitsOfLabels(prefix: string): string | undefined {
  // Single-digit labels alternate digit, dot, digit...: odd length, digits at even offsets.
  if (prefix.length % 2 === 0) return undefined;
  let digits = "";
  for (let i = prefix.length - 1; i >= 0; i -= 2) {
    const c = prefix.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    if (i > 0 && prefix.charCodeAt(i - 1) !== 46) return undefined;
    digits += prefix[i];
  }
  return digits;
}

/** The ENUM name of a number below an apex: ("15551234567", "e164.arpa") → "7.6.5.4.3.2.1.5.5.5.1.e164.arpa". */
export function numberToName(digits: string, apex: string): string {
  if (!/^[0-9]+$/.test(digits))
    throw new TelchainError("DNS_NUMBER_INVALID", `not a digit string: "${digits}"`);
  return `${digits.split("").reverse().join(".")}.${apex}`;
}
