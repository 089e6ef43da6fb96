/**
 * Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser).
 * `chromiumPath()` is /usr/bin/chromium or $TELCHAIN_CHROMIUM; `browserSkip()` is the reason
 * to skip when it is absent, so `npm test` passes on a machine without a browser.
 * `watch(page)` records what must not happen on any page: uncaught errors, console errors,
 * failed requests (not those cancelled by leaving the page) and error answers.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { repoRoot } from "./fixtures.js";

export function chromiumPath(): string {
  return process.env.TELCHAIN_CHROMIUM ?? "/usr/bin/chromium";
}

/** false when a browser is there; else the message the tests skip with. */
export function browserSkip(): string | false {
  const path = chromiumPath();
  return existsSync(path) ? false : `chromium not found at ${path} (set TELCHAIN_CHROMIUM)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Where screenshots go (test-output/screenshots/, not committed). */
export function screenshotDir(): string {
  const dir = join(repoRoot(), "test-output", "screenshots");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface PageProblem {
  kind: "pageerror" | "console" | "requestfailed" | "response";
  text: string;
  /** The URL of a failed request or an error answer. */
  url?: string;
  status?: number;
}

/** Records the page's problems into the returned list (which the test may inspect and empty). */
export function watch(page: Page): PageProblem[] {
  const problems: PageProblem[] = [];
  page.on("pageerror", (e) => problems.push({ kind: "pageerror", text: e.message }));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push({ kind: "console", text: m.text(), url: m.location().url });
  });
  page.on("requestfailed", (r) => {
    const text = r.failure()?.errorText ?? "failed";
    // ERR_ABORTED: cancelled, e.g. a poll still in flight when the test goes to the next page;
    // a refused, reset or CSP-blocked request has another code and counts.
    if (text !== "net::ERR_ABORTED") problems.push({ kind: "requestfailed", text, url: r.url() });
  });
  page.on("response", (r) => {
    if (r.status() >= 400)
      problems.push({ kind: "response", text: r.statusText(), url: r.url(), status: r.status() });
  });
  return problems;
}
