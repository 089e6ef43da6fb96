/**
 * Logs: pino, as JSON lines (`--log-format json`) or as short human lines
 * ("12:00:01 INFO mined block 12 height=12 txs=3"), on stdout or, with `--log-file FILE`,
 * appended to that file (same formats).
 */
import { Writable } from "node:stream";
import { type DestinationStream, type Logger, pino } from "pino";
import { TelchainError } from "../errors.js";

const LEVELS: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

function humanStream(out: { write(s: string): unknown }): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      try {
        const { level, time, msg, pid: _p, hostname: _h, ...rest } = JSON.parse(String(chunk));
        const t = new Date(time).toISOString().slice(11, 19);
        const fields = Object.entries(rest)
          .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`)
          .join(" ");
        out.write(`${t} ${(LEVELS[level] ?? level).padEnd(5)} ${msg}${fields ? `  ${fields}` : ""}\n`);
      } catch {
        out.write(String(chunk));
      }
      done();
    },
  });
}

/** Appends to `file` (its folder is created); written synchronously, so nothing is lost at exit. */
function fileDestination(file: string): DestinationStream {
  try {
    return pino.destination({ dest: file, append: true, mkdir: true, sync: true });
  } catch (e) {
    throw new TelchainError(
      "LOG_FILE_FAILED",
      `cannot write the log file ${file} (--log-file): ${(e as Error).message}`,
    );
  }
}

export function createLogger(level = "info", format: "human" | "json" = "human", file?: string): Logger {
  const opts = { level, base: undefined };
  const out = file === undefined ? process.stdout : fileDestination(file);
  return format === "json" ? pino(opts, out) : pino(opts, humanStream(out));
}
