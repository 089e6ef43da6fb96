/**
 * NAPTR records of a number (RFC 3403 as profiled for ENUM by RFC 6116): validation of a
 * payload's, a genesis section's or the CLI's records.
 * Every refusal is ENUM_BAD_RECORD naming the record index and what is wrong.
 */
import { TelchainError } from "../../errors.js";
import { MAX_RECORDS, type NaptrRecord } from "./schemas.js";

/** Total encoded size of a number's records. */
export const MAX_RECORDS_BYTES = 4096;
const MAX_STRING_BYTES = 255; // a DNS <character-string>
const SERVICE = /^E2U(\+[a-z][a-z0-9-]{0,31}(:[a-z][a-z0-9-]{0,31})*)+$/i;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

function bad(index: number, why: string): TelchainError {
  return new TelchainError("ENUM_BAD_RECORD", `record ${index}: ${why}`);
}

/**
 * Structure of a substitution expression (RFC 3402 §3.2): delim ere delim repl delim flags,
 * where delim is any character but a digit, "i", "\" or a newline; inside ere and repl a
 * backslash escapes the next character; flags is "" or "i". The ERE itself is not
 * compiled: its POSIX dialect is the resolver's business, and consensus must not depend
 * on a regex engine.
 */
function regexpProblem(re: string): string | undefined {
  const delim = re[0];
  if (/[0-9i\\\n]/.test(delim)) return `delimiter "${delim}" is not allowed (a digit, "i" or "\\")`;
  const parts: string[] = [];
  let cur = "";
  for (let i = 1; i < re.length; i++) {
    const c = re[i];
    if (c === "\\" && parts.length < 2) {
      if (i + 1 >= re.length) return "ends inside an escape";
      cur += c + re[++i];
    } else if (c === delim && parts.length < 2) {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  if (parts.length < 2) return `needs the form ${delim}ere${delim}replacement${delim}flags`;
  const [ere] = parts;
  const flags = cur;
  if (ere.length === 0) return "the expression (ere) is empty";
  if (flags !== "" && flags !== "i") return `flags "${flags}" after the last delimiter: only "i" is allowed`;
  return undefined;
}

function replacementProblem(name: string): string | undefined {
  if (name === ".") return undefined;
  const body = name.endsWith(".") ? name.slice(0, -1) : name;
  if (body.length === 0) return "empty domain name";
  if (body.length + 1 > 255) return "domain name longer than 255 bytes";
  for (const label of body.split(".")) {
    if (label.length === 0) return "domain name has an empty label";
    if (label.length > 63) return `label "${label.slice(0, 20)}..." is longer than 63 bytes`;
    if (!LABEL.test(label)) return `label "${label}" has characters other than letters, digits, "-" and "_"`;
  }
  return undefined;
}

/** Checks one record and returns its canonical form (flags upper-case). */
export function validateRecord(r: NaptrRecord, index: number): NaptrRecord {
  for (const f of ["order", "preference"] as const) {
    if (!Number.isInteger(r[f]) || r[f] < 0 || r[f] > 0xffff) throw bad(index, `${f} must be 0..65535`);
  }
  for (const f of ["flags", "service", "regexp", "replacement"] as const) {
    if (typeof r[f] !== "string") throw bad(index, `${f} must be a string`);
    if (!PRINTABLE_ASCII.test(r[f])) throw bad(index, `${f} must be printable ASCII`);
    if (r[f].length > MAX_STRING_BYTES) throw bad(index, `${f} is longer than ${MAX_STRING_BYTES} bytes`);
  }
  const flags = r.flags.toUpperCase();
  if (flags !== "" && flags !== "U") throw bad(index, `flags must be "" or "U", got "${r.flags}"`);
  if (!SERVICE.test(r.service))
    throw bad(index, `service "${r.service}" is not an enumservice like E2U+sip or E2U+voice:tel`);
  if (r.regexp !== "") {
    const why = regexpProblem(r.regexp);
    if (why) throw bad(index, `regexp ${why}`);
  }
  const why = replacementProblem(r.replacement);
  if (why) throw bad(index, `replacement ${why}`);
  if (flags === "U") {
    if (r.regexp === "") throw bad(index, 'a terminal ("U") record needs a regexp');
    if (r.replacement !== ".") throw bad(index, 'a terminal ("U") record must have replacement "."');
  } else if (r.regexp !== "" && r.replacement !== ".") {
    throw bad(index, 'a record uses either regexp or replacement: with a regexp, replacement must be "."');
  } else if (r.regexp === "" && r.replacement === ".") {
    throw bad(index, "a non-terminal record without a regexp needs a replacement domain");
  }
  return { ...r, flags };
}

/**
 * NaptrList.serialize(records).length, computed without encoding (genesis
 * checks 100,000s of numbers): per record a 4-byte list offset, a 20-byte fixed part (two
 * u16 and four 4-byte field offsets) and the field bytes (validated ASCII: 1 byte a char).
 */
function encodedSize(records: NaptrRecord[]): number {
  let size = 0;
  for (const r of records)
    size += 24 + r.flags.length + r.service.length + r.regexp.length + r.replacement.length;
  return size;
}

/** Checks a list of records (count, each record, total size); returns the canonical list. */
export function validateRecords(records: NaptrRecord[], maxRecords = MAX_RECORDS): NaptrRecord[] {
  if (records.length > maxRecords)
    throw new TelchainError("ENUM_BAD_RECORD", `${records.length} records, at most ${maxRecords} allowed`);
  const out = records.map(validateRecord);
  const size = encodedSize(out);
  if (size > MAX_RECORDS_BYTES)
    throw new TelchainError(
      "ENUM_BAD_RECORD",
      `records take ${size} bytes, at most ${MAX_RECORDS_BYTES} allowed`,
    );
  return out;
}
