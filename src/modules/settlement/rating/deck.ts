/**
 * Rate decks: a CSV file whose SHA-256 an agreement names on chain, the file itself kept by the
 * two carriers.
 *
 *   service,prefix,rate,initial,increment,connect_fee      (the header, exactly)
 *   voice,44,1200,60,60,0
 *   voice,4420,900,30,6,5
 *   sms,,3,1,1,0
 *
 *   service      voice | sms | data
 *   prefix       E.164 digits of the destination (a leading "+" is allowed), 0 to 15 of them;
 *                empty = any destination of the service
 *   rate, initial, increment, connect_fee   whole numbers 0 .. 2^64 − 1 (base units, and the
 *                service's unit: seconds, messages, KB); increment ≥ 1; sms has initial = increment = 1
 *
 * A record is priced by the line of its service with the longest prefix of its called number.
 * Every error is reported with its line (all of them, not only the first): a bad header, a
 * wrong number of fields, each bad field, a repeated (service, prefix), no rate line at all.
 * The deck hash is SHA-256 of the file's bytes, as they are (hex).
 */
import { readFileSync } from "node:fs";
import { toHex } from "../../../bytes.js";
import { sha256 } from "../../../crypto/hash.js";
import { TelchainError } from "../../../errors.js";
import { fields, headerOf, isBlank, shown, uint64Field, unreadable } from "./csv.js";
import type { Tariff } from "./rate.js";
import { SERVICES, type Service } from "./record.js";

export const DECK_HEADER = "service,prefix,rate,initial,increment,connect_fee";
const COLUMNS = DECK_HEADER.split(",");
const PREFIX = /^\+?[0-9]{0,15}$/;

export interface DeckLine extends Tariff {
  /** Line of the file (from 1: the header). */
  line: number;
  service: Service;
  /** Digits, "" for any destination. */
  prefix: string;
}

export interface DeckError {
  line: number;
  message: string;
}

/** A checked deck: longest-prefix lookup per service. */
export class Deck {
  private readonly byService = new Map<Service, { lines: Map<string, DeckLine>; lengths: number[] }>();

  constructor(
    /** SHA-256 of the file's bytes, hex. */
    readonly hash: string,
    readonly lines: readonly DeckLine[],
  ) {
    for (const l of lines) {
      let s = this.byService.get(l.service);
      if (!s) {
        s = { lines: new Map(), lengths: [] };
        this.byService.set(l.service, s);
      }
      s.lines.set(l.prefix, l);
      if (!s.lengths.includes(l.prefix.length)) s.lengths.push(l.prefix.length);
    }
    for (const s of this.byService.values()) s.lengths.sort((a, b) => b - a);
  }

  /**
   * The line of `service` with the longest prefix of `digits` (the called number without "+"),
   * or undefined. Only prefix lengths the deck has are tried, longest first: one map lookup each.
   */
  match(service: Service, digits: string): DeckLine | undefined {
    const s = this.byService.get(service);
    if (!s) return undefined;
    for (const n of s.lengths) {
      if (n > digits.length) continue;
      const hit = s.lines.get(n === digits.length ? digits : digits.slice(0, n));
      if (hit) return hit;
    }
    return undefined;
  }
}

export interface DeckCheck {
  hash: string;
  /** Lines of the file, the header included. */
  lineCount: number;
  errors: DeckError[];
  /** Present when there are no errors. */
  deck?: Deck;
}

/**
 * The errors of one rate line (none: its DeckLine). `seen` maps each (service, prefix) to its
 * first line: a well-formed service and prefix take their place even when the amounts are wrong,
 * so a repeat is reported in the same pass.
 */
function parseDeckLine(text: string, line: number, seen: Map<string, number>): DeckLine | string[] {
  const f = fields(text);
  if (f.length !== COLUMNS.length)
    return [`expected ${COLUMNS.length} fields (${DECK_HEADER}), got ${f.length}`];
  const [service, rawPrefix, ...amounts] = f;
  const errors: string[] = [];
  if (!(SERVICES as readonly string[]).includes(service))
    errors.push(`service must be voice, sms or data, got ${shown(service)}`);
  const prefix = rawPrefix.replace(/^\+/, "");
  if (!PREFIX.test(rawPrefix) || rawPrefix === "+")
    errors.push(`prefix must be up to 15 digits of the destination (empty: any), got ${shown(rawPrefix)}`);
  else if (errors.length === 0) {
    const earlier = seen.get(`${service}/${prefix}`);
    const what = prefix === "" ? "the empty prefix (any destination)" : `prefix ${prefix}`;
    if (earlier !== undefined) errors.push(`${service} ${what} is already on line ${earlier}`);
    else seen.set(`${service}/${prefix}`, line);
  }
  const [rate, initial, increment, connectFee] = amounts.map((v, i) => {
    const n = uint64Field(COLUMNS[i + 2], v);
    if (typeof n === "string") errors.push(n);
    return n;
  });
  if (typeof increment === "bigint" && increment < 1n) errors.push("increment must be at least 1");
  const numbers = typeof initial === "bigint" && typeof increment === "bigint";
  if (service === "sms" && numbers && (initial !== 1n || increment !== 1n))
    errors.push(`sms is rated per message: initial and increment must be 1, got ${initial} and ${increment}`);
  if (errors.length > 0) return errors;
  return {
    line,
    service: service as Service,
    prefix,
    rate: rate as bigint,
    initial: initial as bigint,
    increment: increment as bigint,
    connectFee: connectFee as bigint,
  };
}

/** Checks a deck file's bytes: every error with its line; the deck when there is none. */
export function parseDeck(bytes: Uint8Array): DeckCheck {
  const hash = toHex(sha256(bytes));
  const text = new TextDecoder().decode(bytes);
  const rows = text.split(/\r?\n|\r/);
  if (rows.length > 1 && rows[rows.length - 1] === "") rows.pop(); // the final newline
  const errors: DeckError[] = [];
  const lineCount = rows.length;
  if (headerOf(rows[0] ?? "") !== DECK_HEADER) {
    errors.push({ line: 1, message: `the first line must be the header ${DECK_HEADER}` });
    return { hash, lineCount, errors };
  }
  const lines: DeckLine[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) {
    const line = i + 1;
    if (isBlank(rows[i])) continue;
    const parsed = parseDeckLine(rows[i], line, seen);
    if (Array.isArray(parsed)) for (const message of parsed) errors.push({ line, message });
    else lines.push(parsed);
  }
  if (lines.length === 0 && errors.length === 0)
    errors.push({ line: 1, message: "the deck has no rate lines after the header" });
  return errors.length > 0
    ? { hash, lineCount, errors }
    : { hash, lineCount, errors, deck: new Deck(hash, lines) };
}

/** Reads and checks a deck file (small: read whole); SETTLEMENT_FILE_UNREADABLE when it cannot be read. */
export function checkDeckFile(path: string): DeckCheck {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw unreadable(path, e);
  }
  return parseDeck(bytes);
}

/** Errors as lines of text: `line N: message`, at most `most` of them and a count of the rest. */
export function errorLines(errors: readonly { line: number; message: string }[], most = 20): string[] {
  const out = errors.slice(0, most).map((e) => `line ${e.line}: ${e.message}`);
  if (errors.length > most) out.push(`… and ${errors.length - most} more`);
  return out;
}

/** A deck to rate with: SETTLEMENT_BAD_DECK (its errors, with lines, in the message) when it has errors. */
export function loadDeck(path: string): Deck {
  const check = checkDeckFile(path);
  if (!check.deck) {
    const n = check.errors.length;
    throw new TelchainError(
      "SETTLEMENT_BAD_DECK",
      [
        `${path}: ${n} error${n === 1 ? "" : "s"} (\`telchain settlement deck check\` lists them)`,
        ...errorLines(check.errors),
      ].join("\n  "),
    );
  }
  return check.deck;
}
