/**
 * One node per data directory: a lock file holds the owner's pid. A lock left by a
 * process that no longer runs (e.g. after SIGKILL) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TelchainError } from "../errors.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockDatadir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "node.lock");
  try {
    const pid = Number(readFileSync(path, "utf8"));
    if (pid && pid !== process.pid && alive(pid)) {
      throw new TelchainError(
        "DATADIR_LOCKED",
        `data directory ${dir} is in use by another node (pid ${pid})`,
      );
    }
  } catch (e) {
    if (e instanceof TelchainError) throw e;
  }
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}
