/**
 * Usage files, read as a stream (never whole):
 *
 *   record_id,service,start_utc,quantity,calling,called     (the header, exactly)
 *   c-0001,voice,2025-01-01T10:00:00Z,61,+14155550100,+442079460000
 *
 *   record_id   1 to 64 of A-Z a-z 0-9 . _ : -
 *   service     voice | sms | data
 *   start_utc   ISO 8601 in UTC with Z: YYYY-MM-DDTHH:MM:SS, optional fraction (cut to the second),
 *               years 1970 to 9999
 *   quantity    whole number 0 .. 2^64 − 1 (seconds, messages or KB)
 *   calling, called   E.164 with "+" (src/telephony/e164.ts)
 *
 * A line that breaks a rule is rejected with its line and reason, and so is a line whose
 * record_id an earlier line already carried (the first line with an id keeps it, whatever
 * becomes of it). The rating step (rate-file.ts) rejects more: no deck line, before the anchor,
 * a charge over 2^64 − 1. A rejected record is never committed.
 */
import { TelchainError } from "../../../errors.js";
import { parseE164 } from "../../../telephony/e164.js";
import { RECORD_ID } from "../agreements/schemas.js";
import { eachLine, fields, headerOf, isBlank, shown, uint64Field } from "./csv.js";
import { SERVICES, type Service, type UsageRecord } from "./record.js";

export const RECORDS_HEADER = "record_id,service,start_utc,quantity,calling,called";
const COLUMNS = RECORDS_HEADER.split(",").length;

/** A record that will not be committed: its line, its id when it has a valid one, why (a code and words). */
export interface RecordReject {
  line: number;
  recordId?: string;
  code: string;
  reason: string;
}

/** A well-formed record of a file, with its line and its called number's digits (for the deck). */
export interface RecordLine {
  line: number;
  record: UsageRecord;
  calledDigits: string;
}

const UTC = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]{1,9})?Z$/;

/** Unix seconds of an ISO 8601 UTC time with Z, or a message saying what is wrong. */
export function parseUtc(text: string, name = "start_utc"): number | string {
  const m = UTC.exec(text);
  const expected = `${name} must be a UTC time YYYY-MM-DDTHH:MM:SSZ (e.g. 2025-01-01T10:00:00Z)`;
  if (!m) return `${expected}, got ${shown(text)}`;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (y < 1970) return `${name} must be in 1970 or later, got ${shown(text)}`;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const t = new Date(ms);
  if (
    t.getUTCFullYear() !== y ||
    t.getUTCMonth() !== mo - 1 ||
    t.getUTCDate() !== d ||
    t.getUTCHours() !== h ||
    t.getUTCMinutes() !== mi ||
    t.getUTCSeconds() !== s
  )
    return `${name} is not a real date and time, got ${shown(text)}`;
  return ms / 1000;
}

function number(name: string, text: string): { text: string; digits: string } | string {
  try {
    return parseE164(text, "SETTLEMENT_BAD_RECORD");
  } catch (e) {
    return `${name}: ${(e as Error).message}`;
  }
}

/** The record of one line's fields, or the reason it is malformed. Never throws. */
export function parseRecordFields(text: string): { record: UsageRecord; calledDigits: string } | string {
  const f = fields(text);
  if (f.length !== COLUMNS) return `expected ${COLUMNS} fields (${RECORDS_HEADER}), got ${f.length}`;
  const [recordId, service, startText, quantityText, callingText, calledText] = f;
  if (!RECORD_ID.test(recordId))
    return `record_id must be 1 to 64 of A-Z a-z 0-9 . _ : -, got ${shown(recordId)}`;
  if (!(SERVICES as readonly string[]).includes(service))
    return `service must be voice, sms or data, got ${shown(service)}`;
  const start = parseUtc(startText);
  if (typeof start === "string") return start;
  const quantity = uint64Field("quantity", quantityText);
  if (typeof quantity === "string") return quantity;
  const calling = number("calling", callingText);
  if (typeof calling === "string") return calling;
  const called = number("called", calledText);
  if (typeof called === "string") return called;
  return {
    record: {
      recordId,
      service: service as Service,
      start,
      quantity,
      calling: calling.text,
      called: called.text,
    },
    calledDigits: called.digits,
  };
}

/** A record from its canonical line (e.g. dispute evidence); SETTLEMENT_BAD_RECORD when malformed. */
export function parseCanonicalLine(text: string): UsageRecord {
  const r = parseRecordFields(text);
  if (typeof r === "string") throw new TelchainError("SETTLEMENT_BAD_RECORD", r);
  return r.record;
}

/**
 * Reads a usage file's lines in order: a header (else SETTLEMENT_BAD_USAGE_FILE), then each line
 * becomes a RecordLine or a RecordReject (malformed, or an id an earlier line carried); blank
 * lines are skipped.
 */
export class RecordParser {
  /** record_id → the first line that carried it. */
  private readonly seen = new Map<string, number>();
  private headerSeen = false;

  constructor(private readonly file = "the usage file") {}

  /** One line of the file (n from 1); undefined for the header and blank lines. */
  line(text: string, n: number): RecordLine | RecordReject | undefined {
    if (!this.headerSeen) {
      if (headerOf(text) !== RECORDS_HEADER)
        throw new TelchainError(
          "SETTLEMENT_BAD_USAGE_FILE",
          `${this.file}, line ${n}: the first line must be the header ${RECORDS_HEADER}, got ${shown(text)}`,
        );
      this.headerSeen = true;
      return undefined;
    }
    if (isBlank(text)) return undefined;
    const r = parseRecordFields(text);
    if (typeof r === "string") {
      const id = text.split(",", 1)[0].trim();
      const recordId = RECORD_ID.test(id) ? id : undefined;
      if (recordId !== undefined && !this.seen.has(recordId)) this.seen.set(recordId, n);
      return { line: n, recordId, code: "SETTLEMENT_BAD_RECORD", reason: r };
    }
    const { recordId } = r.record;
    const earlier = this.seen.get(recordId);
    if (earlier !== undefined)
      return {
        line: n,
        recordId,
        code: "SETTLEMENT_DUPLICATE_RECORD",
        reason: `record_id ${recordId} is already on line ${earlier} (the earlier line stands)`,
      };
    this.seen.set(recordId, n);
    return { line: n, ...r };
  }

  /** After the last line: an empty file has no header either. */
  end(): void {
    if (!this.headerSeen)
      throw new TelchainError(
        "SETTLEMENT_BAD_USAGE_FILE",
        `${this.file} is empty: its first line must be the header ${RECORDS_HEADER}`,
      );
  }
}

export const isReject = (r: RecordLine | RecordReject): r is RecordReject => "code" in r;

/** Streams a usage file: `visit` gets each record or reject in file order. Returns the number of lines. */
export async function readUsageFile(
  path: string,
  visit: (r: RecordLine | RecordReject) => void | Promise<void>,
  onProgress?: (bytesRead: number) => void,
): Promise<number> {
  const parser = new RecordParser(path);
  const lines = await eachLine(
    path,
    (text, n) => {
      const r = parser.line(text, n);
      return r ? visit(r) : undefined;
    },
    onProgress,
  );
  parser.end();
  return lines;
}
