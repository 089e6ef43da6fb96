/**
 * Logs: pino, as JSON lines (`--log-format json`) or as short human lines
 * ("12:00:01 INFO mined block 12 height=12 txs=3").
 */
import { Writable } from "node:stream";
import { type Logger, pino } from "pino";

const LEVELS: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

function humanStream(out: NodeJS.WritableStream): Writable {
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
        out.write(chunk);
      }
      done();
    },
  });
}

export function createLogger(level = "info", format: "human" | "json" = "human"): Logger {
  const opts = { level, base: undefined };
  return format === "json" ? pino(opts, process.stdout) : pino(opts, humanStream(process.stdout));
}
