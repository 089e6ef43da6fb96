/**
 * A progress bar on stderr for reading a large file, drawn only when stderr is a terminal (so
 * pipes, --json consumers and tests see nothing), at most ten times a second, erased when done.
 */
import { fileSize } from "../rating/csv.js";

export interface FileProgress {
  update(bytesRead: number): void;
  /** A last step after reading (e.g. "computing Merkle roots"), shown until done. */
  step(what: string): void;
  done(): void;
}

const NONE: FileProgress = { update() {}, step() {}, done() {} };

const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;

export function fileProgress(
  label: string,
  path: string,
  out: NodeJS.WriteStream = process.stderr,
): FileProgress {
  if (!out.isTTY) return NONE;
  const total = Math.max(1, fileSize(path));
  const start = performance.now();
  let last = 0;
  let drawn = false;
  return {
    update(bytesRead) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      const share = Math.min(1, bytesRead / total);
      const width = 24;
      const full = Math.round(share * width);
      const bar = `${"#".repeat(full)}${"-".repeat(width - full)}`;
      const secs = ((now - start) / 1000).toFixed(1);
      out.write(
        `\r${label} [${bar}] ${Math.floor(share * 100)}%  ${mb(bytesRead)} of ${mb(total)}  ${secs} s\x1b[K`,
      );
      drawn = true;
    },
    step(what) {
      const secs = ((performance.now() - start) / 1000).toFixed(1);
      out.write(`\r${label}: ${what}…  ${secs} s\x1b[K`);
      drawn = true;
    },
    done() {
      if (drawn) out.write("\r\x1b[K");
    },
  };
}
