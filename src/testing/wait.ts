/** Waiting in tests: a pause, and polling a condition until it holds or a deadline passes. */
import assert from "node:assert/strict";

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface WaitOptions {
  /** Fail after this long (default 15 s). */
  timeoutMs?: number;
  /** The pause between two polls (default 250 ms). */
  pollMs?: number;
  /** Count a condition that throws (a node not up yet) as not holding, instead of failing at once. */
  retryErrors?: boolean;
}

/**
 * Polls `cond` (which may be async) until it holds; fails the test with
 * `timed out waiting for ${what}` once `timeoutMs` has passed.
 */
export async function waitUntil(
  what: string,
  cond: () => boolean | Promise<boolean>,
  { timeoutMs = 15_000, pollMs = 250, retryErrors = false }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const holds = retryErrors ? await (async () => cond())().catch(() => false) : await cond();
    if (holds) return;
    if (Date.now() >= deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(pollMs);
  }
}
