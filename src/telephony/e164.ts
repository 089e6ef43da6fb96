/**
 * E.164 numbers, the keys of the registry. The rule (consensus: every node must agree):
 *
 *   "+" then 2..15 digits (E.164 caps numbers at 15 digits); the first 1-3 digits are an
 *   ITU country calling code known to libphonenumber's metadata (geographic or
 *   non-geographic, e.g. +882); the remaining national number has one of the possible
 *   lengths libphonenumber lists for that calling code.
 *
 * Why "possible" and not libphonenumber's isValidPhoneNumber: validity checks number
 * ranges, and the fictional 555 exchange the dev flows use (+15551234567) is not valid,
 * while it is possible. Ranges also change with every metadata release (new mobile
 * blocks...), and a registry must not lose numbers when its library updates. The lengths
 * come from the small "min" metadata (~80 KB; "max" adds ~60 KB of range patterns this
 * rule does not need). We read them once per calling code from libphonenumber's Metadata
 * instead of calling isPossiblePhoneNumber per number: parsing costs ~30 µs a number,
 * which would make a 100,000-number genesis take 3 s on every node start, while this
 * check is a map lookup. Because it is canonical E.164 (no national prefix, no
 * separators), each number has exactly one key.
 *
 * NOTE: the metadata's possible lengths are consensus data; upgrading libphonenumber-js
 * to a release that changes them is a consensus change (pin the version).
 */
import { Metadata } from "libphonenumber-js/min";
import { TelchainError } from "../errors.js";

export const E164_MAX_DIGITS = 15;

interface NumberingPlanMeta {
  hasCallingCode(cc: string): boolean;
  selectNumberingPlan(cc: string): void;
  numberingPlan?: { possibleLengths(): number[] };
}

const metadata = new Metadata() as unknown as NumberingPlanMeta;
const lengthsByCallingCode = new Map<string, ReadonlySet<number> | null>();

/** Possible national-number lengths for a calling code, or null if it is not a calling code. */
function possibleLengths(cc: string): ReadonlySet<number> | null {
  let lengths = lengthsByCallingCode.get(cc);
  if (lengths === undefined) {
    if (metadata.hasCallingCode(cc)) {
      metadata.selectNumberingPlan(cc);
      lengths = new Set(metadata.numberingPlan?.possibleLengths() ?? []);
    } else lengths = null;
    lengthsByCallingCode.set(cc, lengths);
  }
  return lengths;
}

function bad(code: string, input: string, why: string): TelchainError {
  return new TelchainError(code, `"${input.slice(0, 24)}" is not an E.164 number: ${why}`);
}

export interface E164 {
  /** "+15551234567" */
  text: string;
  /** "15551234567" */
  digits: string;
  callingCode: string;
}

/**
 * Checks an E.164 number ("+" and digits) and splits it; throws `code` (the caller's: each
 * module refuses with its own code) with a message saying what is wrong.
 */
export function parseE164(input: string, code: string): E164 {
  if (typeof input !== "string" || input.length === 0) throw bad(code, String(input), "empty");
  if (input[0] !== "+")
    throw bad(code, input, 'missing "+" and country code (write it as +<country code><number>)');
  const digits = input.slice(1);
  if (!/^[0-9]+$/.test(digits))
    throw bad(code, input, 'only digits may follow "+" (no spaces or separators)');
  if (digits.length > E164_MAX_DIGITS)
    throw bad(code, input, `too long: ${digits.length} digits, E.164 allows at most ${E164_MAX_DIGITS}`);
  let callingCode: string | undefined;
  let lengths: ReadonlySet<number> | null = null;
  // Calling codes are prefix-free, so at most one of the 1-3 digit prefixes is one.
  for (let n = 1; n <= 3 && n <= digits.length; n++) {
    lengths = possibleLengths(digits.slice(0, n));
    if (lengths) {
      callingCode = digits.slice(0, n);
      break;
    }
  }
  if (!callingCode || !lengths)
    throw bad(code, input, `invalid country calling code (+${digits.slice(0, 3)}...)`);
  const national = digits.length - callingCode.length;
  if (!lengths.has(national)) {
    const sorted = [...lengths].sort((a, b) => a - b);
    const min = sorted[0] ?? 0;
    const max = sorted[sorted.length - 1] ?? 0;
    const allowed = sorted.join(", ");
    const why = national < min ? "too short" : national > max ? "too long" : "not a possible length";
    throw bad(
      code,
      input,
      `${why}: the national number has ${national} digits, +${callingCode} numbers have ${allowed}`,
    );
  }
  return { text: input, digits, callingCode };
}

/**
 * The number in a URL path: "+15551234567" (the "+" URL-encoded as %2B or not) or the bare
 * digits "15551234567", since a raw "+" in a URL is easily mangled into a space.
 */
export function parseRouteNumber(raw: string, code: string): E164 {
  const s = raw.trim();
  return parseE164(/^[0-9]/.test(s) ? `+${s}` : s, code);
}

/** The path parameter of a lookup by number (src/module/lookup.ts): +1555…, %2B1555… or 1555…, parsed to digits. */
export const e164Param = (code: string) => ({
  help: "+15551234567 (%2B15551234567) or 15551234567",
  maxLength: 40,
  parse: (raw: string) => parseRouteNumber(raw, code).digits,
});
