/**
 * CLI output: human-readable by default (aligned `key  value` lines), exactly one JSON
 * object with --json. Errors go to stderr as `error [CODE]: message` (or as
 * `{"error":{"code","message"}}` with --json).
 */
import type { Command } from "commander";
import { isTelchainError } from "../errors.js";

export interface GlobalOptions {
  api: string;
  json: boolean;
}

export function globals(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals() as { api: string; json?: boolean };
  return { api: o.api, json: o.json === true };
}

/** JSON with bigints as decimal strings (amounts), the way the API renders them. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

/** Prints `value` as one JSON object with --json, else the human text. */
export function print(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(`${json ? toJson(value) : human()}\n`);
}

type Cell = string | number | bigint | boolean | null | undefined;

/** `key  value` lines with the values aligned; undefined values are left out. */
export function keyValues(rows: [string, Cell][]): string {
  const shown = rows.filter(([, v]) => v !== undefined);
  const width = Math.max(0, ...shown.map(([k]) => k.length));
  return shown.map(([k, v]) => `${k.padEnd(width)}  ${v === null ? "-" : String(v)}`).join("\n");
}

export function errorParts(e: unknown): { code: string; message: string } {
  if (isTelchainError(e)) return { code: e.code, message: e.message };
  return { code: "INTERNAL", message: e instanceof Error ? e.message : String(e) };
}

export function printError(e: unknown, json: boolean): void {
  const { code, message } = errorParts(e);
  process.stderr.write(json ? `${toJson({ error: { code, message } })}\n` : `error [${code}]: ${message}\n`);
}
