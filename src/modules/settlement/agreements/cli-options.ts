/**
 * Parsers of the agreements commands' options. Each refuses a bad value with
 * SETTLEMENT_BAD_OPTION (saying which forms are accepted) before anything is sent.
 */
import { readFileSync } from "node:fs";
import { fromHexOrUndefined } from "../../../bytes.js";
import { uint64Argument } from "../../../cli/arguments.js";
import { sha256 } from "../../../crypto/hash.js";
import { TelchainError } from "../../../errors.js";
import { MAX_SPAN_SECONDS, MAX_TIMESTAMP } from "./kinds/common.js";
import { MAX_PROOF_HASHES } from "./schemas.js";

export const bad = (message: string) => new TelchainError("SETTLEMENT_BAD_OPTION", message);
const shown = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);

/** A file's bytes (SETTLEMENT_BAD_OPTION when it cannot be read). */
export function readOptionFile(path: string, flag: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw bad(`cannot read ${flag} ${path}: ${(e as Error).message}`);
  }
}

/** 32 bytes as 64 hex digits. */
export function hash32(value: string, flag: string): Uint8Array {
  const b = /^(0x)?[0-9a-fA-F]{64}$/.test(value) ? fromHexOrUndefined(value) : undefined;
  if (!b) throw bad(`${flag} is a 32-byte hash, 64 hex digits; got ${shown(value)}`);
  return b;
}

/** The deck hash of --deck FILE (SHA-256 of its bytes) or --deck-hash HEX: exactly one. */
export function deckHashOption(o: { deck?: string; deckHash?: string }): Uint8Array {
  if ((o.deck === undefined) === (o.deckHash === undefined))
    throw bad(
      "give the deck as --deck FILE (its SHA-256 is sent, not the file) or --deck-hash HEX, one of them",
    );
  return o.deck !== undefined
    ? sha256(readOptionFile(o.deck, "--deck"))
    : hash32(String(o.deckHash), "--deck-hash");
}

/** A whole number with SETTLEMENT_BAD_OPTION. */
export const whole = (value: unknown, flag: string, min = 0n, max?: bigint): bigint =>
  uint64Argument(String(value), flag, { min, max, code: "SETTLEMENT_BAD_OPTION" });
export const wholeNumber = (value: unknown, flag: string, min = 0, max = Number.MAX_SAFE_INTEGER): number =>
  Number(whole(value, flag, BigInt(min), BigInt(max)));

const UNITS: Record<string, number> = { "": 1, s: 1, m: 60, min: 60, h: 3600, d: 86_400 };

/** A duration: seconds, or a number with s, m (min), h or d. */
export function duration(value: unknown, flag: string, min: number): number {
  const m = /^([0-9]{1,9})(s|m|min|h|d)?$/.exec(String(value).trim());
  const s = m ? Number(m[1]) * UNITS[m[2] ?? ""] : -1;
  if (s < min || s > MAX_SPAN_SECONDS)
    throw bad(
      `${flag} is ${min} s to 366 d, as seconds or with s, m, h or d (90, 15m, 1h, 7d); got ${shown(String(value))}`,
    );
  return s;
}

/** A time: unix seconds, or ISO 8601 UTC (2026-01-01T00:00:00Z or 2026-01-01). */
export function timeOption(value: unknown, flag: string): number {
  const v = String(value).trim();
  let t = Number.NaN;
  if (/^[0-9]{1,12}$/.test(v)) t = Number(v);
  else if (/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z)?$/.test(v))
    t = Math.floor(Date.parse(v) / 1000);
  if (!Number.isSafeInteger(t) || t < 0 || t > MAX_TIMESTAMP)
    throw bad(
      `${flag} is unix seconds or a UTC time like 2026-01-01T00:00:00Z (or 2026-01-01); got ${shown(v)}`,
    );
  return t;
}

/** Midnight UTC of today: the default anchor, so periods line up with UTC days and hours. */
export const todayUtc = () => Math.floor(Date.now() / 86_400_000) * 86_400;

/** A record and its proof, as `usage prove --json` writes it (the rating tools, rating/). */
export interface ProofFile {
  record: {
    recordId: string;
    service: string;
    start: number;
    quantity: bigint;
    calling: string;
    called: string;
  };
  index: number;
  path: Uint8Array[];
}

/**
 * Reads --proof FILE: the JSON `usage prove --json` writes ({ record, index, proof, … }), or
 * { record, index, path }. The record is the canonical line
 * ("id,service,2026-01-01T00:00:00Z,quantity,+calling,+called") or an object with recordId (or
 * record_id), service, start (unix seconds or UTC text; or start_utc), quantity, calling and
 * called; proof (or path) is the list of hex hashes from the leaf up.
 */
export function readProofFile(path: string): ProofFile {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(readOptionFile(path, "--proof")));
  } catch (e) {
    if (e instanceof TelchainError) throw e;
    throw bad(`--proof ${path} is not JSON: ${(e as Error).message}`);
  }
  const o = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
  const rawPath = o.proof ?? o.path;
  if (!Array.isArray(rawPath) || rawPath.length > MAX_PROOF_HASHES)
    throw bad(
      `--proof: "proof" is a list of at most ${MAX_PROOF_HASHES} hex hashes (\`usage prove --json\` writes it)`,
    );
  return {
    record: recordOf(o.record),
    index: wholeNumber(o.index, "--proof index"),
    path: rawPath.map((h, i) => hash32(String(h), `--proof proof[${i}]`)),
  };
}

function recordOf(raw: unknown): ProofFile["record"] {
  if (typeof raw === "string") {
    const f = raw.split(",");
    if (f.length !== 6) throw bad(`--proof: a record line has 6 fields; got ${shown(raw)}`);
    return {
      recordId: f[0],
      service: f[1],
      start: timeOption(f[2], "--proof start"),
      quantity: whole(f[3], "--proof quantity"),
      calling: f[4],
      called: f[5],
    };
  }
  if (typeof raw !== "object" || raw === null) throw bad('--proof has no "record"');
  const r = raw as Record<string, unknown>;
  return {
    recordId: String(r.recordId ?? r.record_id ?? ""),
    service: String(r.service ?? ""),
    start: timeOption(r.start ?? r.start_utc ?? r.startUtc, "--proof start"),
    quantity: whole(r.quantity, "--proof quantity"),
    calling: String(r.calling ?? ""),
    called: String(r.called ?? ""),
  };
}
