/**
 * IMEI (3GPP TS 23.003): 14 digits (TAC + serial number) and a Luhn check digit, 15 in all.
 * A device is known by its IMEI text, so the text is checked everywhere it enters: payloads,
 * routes and the CLI (before anything is sent). Refusals carry the caller's code.
 */
import { TelchainError } from "../errors.js";

export const IMEI_LENGTH = 15;

/** Longest text quoted back in an error message. */
const QUOTE_MAX = 20;

function bad(code: string, message: string): TelchainError {
  return new TelchainError(code, message);
}

function quote(text: string): string {
  return JSON.stringify(text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text);
}

/**
 * The Luhn check digit of the first 14 digits: from the right, every other digit (starting
 * with the rightmost of the 14) is doubled and its digits summed.
 */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The IMEI as given, checked: 15 ASCII digits whose last one is the Luhn check digit. */
export function parseImei(text: string, code: string): string {
  if (!/^[0-9]*$/.test(text)) throw bad(code, `IMEI ${quote(text)} must contain only digits`);
  if (text.length !== IMEI_LENGTH)
    throw bad(code, `IMEI ${quote(text)} must be ${IMEI_LENGTH} digits, got ${text.length}`);
  const expected = luhnCheckDigit(text.slice(0, IMEI_LENGTH - 1));
  const given = text.charCodeAt(IMEI_LENGTH - 1) - 48;
  if (given !== expected) throw bad(code, `IMEI ${text}: check digit is ${given}, expected ${expected}`);
  return text;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The imei field of a payload (UTF-8 bytes), checked. */
export function payloadImei(bytes: Uint8Array, code: string): string {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw bad(code, "IMEI must contain only digits (it is not even valid UTF-8)");
  }
  return parseImei(text, code);
}

/** The path parameter of a lookup by IMEI (src/module/lookup.ts). */
export const imeiParam = (code: string) => ({
  help: "15 digits with a valid Luhn check digit",
  maxLength: 64,
  parse: (raw: string) => parseImei(raw, code),
});
