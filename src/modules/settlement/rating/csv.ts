/**
 * The plain CSV of decks and usage files: one record a line, fields separated by commas, no
 * quoting (no field needs a comma), spaces around a field ignored, a CR before the line end
 * ignored (CRLF files), blank lines skipped, a UTF-8 byte-order mark before the header ignored.
 * Files are read as a stream of lines (node:readline over fs.createReadStream): a usage file is
 * never held whole in memory.
 */
import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { TelchainError } from "../../../errors.js";

export const MAX_UINT64 = (1n << 64n) - 1n;

/** The fields of a line, trimmed. */
export const fields = (line: string): string[] => line.split(",").map((f) => f.trim());

/** The header line as written, without a byte-order mark or spaces around fields. */
export const headerOf = (line: string): string => fields(line.replace(/^\uFEFF/, "")).join(",");

export const isBlank = (line: string): boolean => line.trim() === "";

/** A field shown in a message: quoted, cut to 40 characters. */
export const shown = (v: string): string => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** A whole number 0 .. 2^64 − 1 written in decimal digits, or a message saying what is wrong. */
export function uint64Field(name: string, v: string): bigint | string {
  if (!/^[0-9]+$/.test(v)) return `${name} must be a whole number (digits only), got ${shown(v)}`;
  if (v.length > 20 || BigInt(v) > MAX_UINT64) return `${name} is over 2^64 − 1, got ${shown(v)}`;
  return BigInt(v);
}

/** Why a file cannot be read, as SETTLEMENT_FILE_UNREADABLE. */
export function unreadable(path: string, e: unknown): TelchainError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT"
      ? "no such file"
      : code === "EISDIR"
        ? "it is a folder"
        : code === "EACCES"
          ? "no permission to read it"
          : (e as Error).message;
  return new TelchainError("SETTLEMENT_FILE_UNREADABLE", `cannot read ${path}: ${why}`);
}

/** Size of a file in bytes (for progress), refusing what cannot be read. */
export function fileSize(path: string): number {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error("folder"), { code: "EISDIR" });
    return st.size;
  } catch (e) {
    throw unreadable(path, e);
  }
}

/**
 * Calls `visit` with each line of a file and its number (from 1), in order, awaiting it when it
 * returns a promise; `read()` tells how many bytes were read so far (for progress).
 */
export async function eachLine(
  path: string,
  visit: (line: string, n: number) => void | Promise<void>,
  onProgress?: (bytesRead: number) => void,
): Promise<number> {
  fileSize(path);
  const input = createReadStream(path);
  let failed: unknown;
  input.on("error", (e) => {
    failed = e;
  });
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  try {
    for await (const line of rl) {
      n++;
      const pending = visit(line, n);
      if (pending) await pending;
      if (onProgress && (n & 0x3fff) === 0) onProgress(input.bytesRead);
    }
  } catch (e) {
    throw failed ? unreadable(path, failed) : e;
  } finally {
    rl.close();
    input.destroy();
  }
  if (failed) throw unreadable(path, failed);
  return n;
}
