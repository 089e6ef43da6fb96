/** The records of `enum register` / `enum set`: --sip shorthand and --record JSON. */
import { TelchainError } from "../../../errors.js";
import { validateRecords } from "../records.js";
import type { NaptrRecord } from "../schemas.js";

/** The usual terminal ENUM rule "any number → this SIP URI" (RFC 6116 with E2U+sip). */
export function sipRecord(uri: string): NaptrRecord {
  if (!/^sips?:[^\s!\\]+$/i.test(uri))
    throw new TelchainError(
      "ENUM_BAD_RECORD",
      `--sip needs a SIP URI like sip:alice@example.com (no spaces, "!" or "\\"), got "${uri}"`,
    );
  return {
    order: 100,
    preference: 10,
    flags: "U",
    service: "E2U+sip",
    regexp: `!^.*$!${uri}!`,
    replacement: ".",
  };
}

const FIELDS = ["order", "preference", "flags", "service", "regexp", "replacement"];

/** One --record: a JSON object with the NAPTR fields ("flags" defaults to "", "replacement" to "."). */
export function parseRecordJson(text: string, index: number): NaptrRecord {
  const bad = (why: string) => new TelchainError("ENUM_BAD_RECORD", `--record ${index + 1} ${why}`);
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw bad(`is not valid JSON (${(e as Error).message}): ${text.slice(0, 80)}`);
  }
  if (typeof o !== "object" || o === null || Array.isArray(o)) throw bad("must be a JSON object");
  const unknown = Object.keys(o).find((k) => !FIELDS.includes(k));
  if (unknown) throw bad(`: unknown field "${unknown}" (fields: ${FIELDS.join(", ")})`);
  const missing = ["order", "preference", "service", "regexp"].filter((k) => !(k in o));
  if (missing.length > 0) throw bad(`: missing ${missing.join(", ")}`);
  const r: Record<string, unknown> = { flags: "", replacement: ".", ...o };
  return Object.fromEntries(FIELDS.map((k) => [k, r[k]])) as NaptrRecord; // validateRecords checks the types
}

/** --sip first, then each --record in order; validated with the module's own rules. */
export function recordsFromOptions(opts: { sip?: unknown; record?: unknown }): NaptrRecord[] {
  const sip = opts.sip === undefined ? [] : [sipRecord(opts.sip as string)];
  return validateRecords([...sip, ...((opts.record as string[]) ?? []).map(parseRecordJson)]);
}

/** Commander collector for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
