/**
 * Fault injection for crash tests (like Bitcoin Core's -dbcrashratio): when
 * TELCHAIN_CRASH_RATIO is set (e.g. 0.02), each crash point kills the process with
 * SIGKILL with that probability. Never set in production.
 */
const ratio = Number(process.env.TELCHAIN_CRASH_RATIO ?? "0");

export function crashPoint(where: string): void {
  if (ratio > 0 && Math.random() < ratio) {
    process.stderr.write(`crash injected at ${where}\n`);
    process.kill(process.pid, "SIGKILL");
  }
}
