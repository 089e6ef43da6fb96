/**
 * Ids in routes and commands: a record id (1 to 2^53 − 1) or a number from 0, parsed the same
 * way everywhere with the module's own code, and the lookup param and carrier filter built on them.
 *
 *   export const parseId = idParser("VOUCHERS_BAD_ID");   parseId("7", "the class id") // 7
 *   defineLookup({ param: idParam(parseId, "class"), ... })
 */
import { TelchainError } from "../errors.js";

/** A decimal whole number from `min` to 2^53 − 1, or `code` with `message(quoted raw)`. */
export function parseWhole(raw: string, min: 0 | 1, code: string, message: (got: string) => string): number {
  const n = /^[0-9]{1,16}$/.test(raw) ? Number(raw) : -1;
  if (n < min || !Number.isSafeInteger(n))
    throw new TelchainError(code, message(JSON.stringify(raw.slice(0, 40))));
  return n;
}

/** Parses a record id (1 to 2^53 − 1); `what` starts the refusal ("the class id", "--class"). */
export const idParser =
  (code: string) =>
  (raw: string, what = "id"): number =>
    parseWhole(raw, 1, code, (got) => `${what} must be a whole number from 1; got ${got}`);

/** A lookup's `:id` param over a module's id parser. */
export const idParam = (parseId: (raw: string, what?: string) => number, what: string) => ({
  help: `the ${what} id (1, 2, …)`,
  maxLength: 16,
  parse: (raw: string) => String(parseId(raw, `the ${what} id`)),
});

/** A list filter by carrier id over an index of carrier ids; `check` refuses a malformed id. */
export const carrierFilter = (
  help: string,
  check: (id: string) => string,
  index: { prefix(id: string): Uint8Array },
) => ({
  help,
  text: (id: string) => index.prefix(check(id)),
  maxLength: 8,
});
