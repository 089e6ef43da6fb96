/** The records of `enum register` / `enum set`: --sip shorthand and --record JSON. */
import { TelchainError } from "../../../errors.js";
import { validateRecords } from "../records.js";
import type { NaptrRecord } from "../types.js";

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

const FIELDS = ["order", "preference", "flags", "service", "regexp", "replacement"] as const;

/** One --record: a JSON object with exactly the NAPTR fields. */
export function parseRecordJson(text: string, index: number): NaptrRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new TelchainError(
      "ENUM_BAD_RECORD",
      `--record ${index + 1} is not valid JSON (${(e as Error).message}): ${text.slice(0, 80)}`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new TelchainError("ENUM_BAD_RECORD", `--record ${index + 1} must be a JSON object`);
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!(FIELDS as readonly string[]).includes(k))
      throw new TelchainError(
        "ENUM_BAD_RECORD",
        `--record ${index + 1}: unknown field "${k}" (fields: ${FIELDS.join(", ")})`,
      );
  const missing = FIELDS.filter((k) => !(k in o) && k !== "replacement" && k !== "flags");
  if (missing.length > 0)
    throw new TelchainError("ENUM_BAD_RECORD", `--record ${index + 1}: missing ${missing.join(", ")}`);
  return {
    order: o.order as number,
    preference: o.preference as number,
    flags: (o.flags ?? "") as string,
    service: o.service as string,
    regexp: o.regexp as string,
    replacement: (o.replacement ?? ".") as string,
  };
}

/** --sip first, then each --record in order; validated with the module's own rules. */
export function recordsFromOptions(opts: { sip?: string; record?: string[] }): NaptrRecord[] {
  const records: NaptrRecord[] = [];
  if (opts.sip !== undefined) records.push(sipRecord(opts.sip));
  (opts.record ?? []).forEach((text, i) => {
    records.push(parseRecordJson(text, i));
  });
  return validateRecords(records);
}

/** Commander collector for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
