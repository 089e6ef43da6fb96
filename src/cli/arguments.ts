/**
 * Parsers of command-line arguments shared by every command (core and modules), so the same
 * kind of argument is accepted — and refused, with a message saying which forms are
 * accepted — the same way everywhere. Each throws a TelchainError (BAD_ARGUMENT unless the
 * caller passes its own code) before anything is sent to a node.
 */
import { decodeAddress } from "../crypto/address.js";
import { isTelchainError, TelchainError } from "../errors.js";
import { type E164, parseRouteNumber } from "../telephony/e164.js";

export const MAX_UINT64 = (1n << 64n) - 1n;

const shown = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/**
 * A whole number from `min` to `max` (a uint64 by default), as a bigint. The three ways to
 * be wrong get three messages: not a whole number, too small, too large (with the maximum).
 */
export function uint64Argument(
  value: string,
  what: string,
  opts: { min?: bigint; max?: bigint; code?: string; unit?: string } = {},
): bigint {
  const { min = 0n, max = MAX_UINT64, code = "BAD_ARGUMENT", unit = "" } = opts;
  const units = unit ? ` ${unit}` : "";
  if (!/^[0-9]+$/.test(value)) {
    throw new TelchainError(
      code,
      `${what} must be a whole number${units} (digits only), got ${shown(value)}`,
    );
  }
  const n = BigInt(value);
  if (n > max) {
    const most = max === MAX_UINT64 ? `${max} (2^64-1${units})` : `${max}${units}`;
    throw new TelchainError(code, `${what} is too large: the most is ${most}, got ${shown(value)}`);
  }
  if (n < min) {
    const least = min === 1n ? units.replace(/s$/, "") : units;
    throw new TelchainError(code, `${what} must be at least ${min}${least}, got ${shown(value)}`);
  }
  return n;
}

/** A whole number from `min` to `max` (both within Number's safe range), as a number. */
export function intArgument(value: string, what: string, min: number, max: number): number {
  return Number(uint64Argument(value, what, { min: BigInt(min), max: BigInt(max) }));
}

/** A commander argParser for a whole-number option, e.g. `.option("--limit <n>", "…", intOption("--limit", 1, 1000))`. */
export const intOption =
  (flag: string, min: number, max: number) =>
  (value: string): number =>
    intArgument(value, flag, min, max);

const HEX64 = /^[0-9a-fA-F]{64}$/;
/** The API's bound on heights in a path (15 digits). */
const MAX_HEIGHT = 999_999_999_999_999;

/** A transaction hash: 64 hex digits. */
export function txHashArgument(value: string): string {
  if (HEX64.test(value)) return value.toLowerCase();
  throw new TelchainError(
    "BAD_ARGUMENT",
    `a transaction hash is 64 hex digits (0-9, a-f), got ${shown(value)} (${value.length} characters)`,
  );
}

/** A block: a height (0, 1, 2, …) or a block hash (64 hex digits). */
export function blockIdArgument(value: string): string {
  if (HEX64.test(value)) return value.toLowerCase();
  if (/^[0-9]+$/.test(value) && Number(value) <= MAX_HEIGHT) return String(Number(value));
  throw new TelchainError(
    "BAD_ARGUMENT",
    `a block is a height (0, 1, 2, …) or a block hash (64 hex digits), got ${shown(value)}`,
  );
}

/**
 * An address (`tel1` and 58 more characters, bech32m): the 32-byte public key. ADDRESS_INVALID
 * says what an address looks like, then what is wrong with this one.
 */
export function addressArgument(value: string, what: string): Uint8Array {
  try {
    return decodeAddress(value);
  } catch (e) {
    if (!isTelchainError(e)) throw e;
    throw new TelchainError(
      "ADDRESS_INVALID",
      `${what} must be an address (tel1 and 58 more characters; \`telchain wallet show NAME\` prints one), got ${shown(value)}: ${e.message}`,
    );
  }
}

/**
 * An E.164 number on the command line, the one rule of every command (lookups and signed
 * commands alike): "+15551234567" or the same digits without the "+" ("15551234567", the
 * country code included). Either way the canonical "+…" form is what is sent and signed.
 * `code` is the module's own code for a bad number (e.g. ENUM_BAD_NUMBER).
 */
export function e164Argument(raw: string, code: string): E164 {
  if (!/^\+?[0-9]/.test(raw.trim())) {
    throw new TelchainError(
      code,
      `${shown(raw)} is not an E.164 number: write it as +15551234567 or 15551234567 (country code first, digits only)`,
    );
  }
  return parseRouteNumber(raw, code);
}
