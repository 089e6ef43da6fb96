/** Progress messages on stderr, so stdout carries only figures (and stays parseable with --json). */
export function progress(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

/** Seconds elapsed since `start` (a performance.now() reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}
