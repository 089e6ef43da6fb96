/**
 * The explorer in a real browser (Debian's Chromium) against a real dev node process, with
 * records made by the real CLI: the dashboard follows new blocks, the device check says
 * STOLEN / UNREGISTERED verified by the light client in the page, the number page shows a
 * ported number's new carrier and its ENUM records, the search box lands on the right page
 * for every kind of key, and no page logs an error or fails a request. Screenshots of the
 * main pages at desktop and phone sizes go to test-output/screenshots/.
 * Skipped, with the reason, when no Chromium is installed.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { devAccount } from "../crypto/mnemonic.js";
import { buildExplorer } from "../scripts/build-explorer.js";
import {
  browserSkip,
  DESKTOP,
  launchChromium,
  type PageProblem,
  PHONE,
  screenshotDir,
  watch,
} from "../testing/browser.js";
import { DevCliHarness, json } from "../testing/dev-cli.js";
import { repoRoot } from "../testing/fixtures.js";

const STOLEN = "356938035643809";
const UNKNOWN = "490154203237518";
const NUMBER = "+15551230000";

const skip = browserSkip();
if (skip) {
  test("the explorer in a browser", { skip }, () => {});
} else {
  // One before hook starts the node, then seeds it (root-level hooks do not wait for each other).
  const dev = {} as { h: DevCliHarness };
  let browser: Browser;
  let page: Page;
  let problems: PageProblem[];
  const seen = { stolenAt: 0, txHash: "", blockHash: "" };

  before(async () => {
    const site = join(repoRoot(), "dist", "explorer");
    if (!existsSync(join(site, "index.html"))) await buildExplorer(site);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: DESKTOP });
    problems = watch(page);

    dev.h = await DevCliHarness.start("telchain-explorer-");
    const cli = (...args: string[]) => dev.h.cli(...args);
    json(await cli("carrier", "register", "--id", "AAA", "--name", "Carrier A", "--from", "dev1", "--json"));
    json(await cli("carrier", "register", "--id", "BBB", "--name", "Carrier B", "--from", "dev2", "--json"));
    json(await cli("number", "claim", NUMBER, "--carrier", "AAA", "--from", "dev3", "--json"));
    json(await cli("number", "confirm", NUMBER, "--from", "dev1", "--json"));
    json(await cli("number", "port", NUMBER, "--to-carrier", "BBB", "--from", "dev3", "--json"));
    json(await cli("number", "accept-port", NUMBER, "--from", "dev2", "--json"));
    json(await cli("enum", "register", NUMBER, "--sip", "sip:alice@example.com", "--from", "dev3", "--json"));
    json(await cli("device", "register", STOLEN, "--from", "dev4", "--json"));
    const report = json(
      await cli("device", "report-stolen", STOLEN, "--reason", "stolen", "--from", "dev4", "--json"),
    );
    seen.stolenAt = report.height as number;
    seen.txHash = report.tx as string;
    seen.blockHash = (await dev.h.node.get<{ hash: string }>(`/v1/blocks/${seen.stolenAt}`)).body.hash;
  });
  after(async () => {
    await browser?.close();
    await dev.h?.stop();
  });

  /** Asserts that nothing went wrong on the pages since the last call, then forgets it. */
  function noProblems(where: string, allowed: (p: PageProblem) => boolean = () => false): void {
    const bad = problems.filter((p) => !allowed(p));
    problems.length = 0;
    assert.deepEqual(bad, [], `${where}: errors, failed requests or error answers`);
  }

  async function verifiedBlock(): Promise<number> {
    const badge = page.locator("[data-verified]").first();
    await badge.waitFor({ timeout: 20_000 });
    const text = (await badge.textContent()) ?? "";
    assert.equal(await badge.getAttribute("data-verified"), "yes", `not verified: ${text}`);
    const m = /verified against block (\d+)/.exec(text);
    assert.ok(m, text);
    return Number(m[1]);
  }

  test("the dashboard renders its figures and charts and follows new blocks", async () => {
    await page.goto(dev.h.node.url);
    const height = page.locator("#stat-height .stat-value");
    await height.waitFor();
    const first = Number(await height.textContent());
    assert.ok(first >= seen.stolenAt, `the dashboard shows height ${first}`);
    assert.equal(await page.locator("#charts canvas").count(), 3, "block time, difficulty, transactions");
    await page.waitForFunction(
      (h) => Number(document.querySelector("#stat-height .stat-value")?.textContent) > h,
      first,
      { timeout: 20_000 },
    );
    await page.waitForFunction(
      () => Number(document.querySelector("#charts")?.getAttribute("data-blocks")) > 1,
    );
    noProblems("dashboard");
  });

  test("a device reported stolen with the CLI shows STOLEN, verified against a block, without owners", async () => {
    await page.goto(`${dev.h.node.url}/device/${STOLEN}`);
    const verdict = page.locator("#verdict");
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute("data-status"), "stolen");
    assert.match((await verdict.textContent()) ?? "", /STOLEN/);
    const n = await verifiedBlock();
    assert.ok(n >= seen.stolenAt, `verified against block ${n}, the report is in block ${seen.stolenAt}`);
    const body = (await page.locator("main").textContent()) ?? "";
    assert.ok(!body.includes(devAccount(4).address), "the owner's address is not on the page");
    assert.match(body, /reported/);
    noProblems("device check (stolen)");
  });

  test("an unknown IMEI shows UNREGISTERED, verified (an exclusion proof)", async () => {
    await page.goto(`${dev.h.node.url}/device`);
    await page.fill("input[name=imei]", UNKNOWN);
    await page.click(".check-form button");
    await page.waitForURL(`**/device/${UNKNOWN}`);
    const verdict = page.locator("#verdict");
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute("data-status"), "unregistered");
    assert.match((await verdict.textContent()) ?? "", /UNREGISTERED/);
    await verifiedBlock();
    noProblems("device check (unregistered)");
  });

  test("the number page shows a ported number's new carrier and its NAPTR records, verified", async () => {
    await page.goto(`${dev.h.node.url}/number/${NUMBER}`);
    const carrier = page.locator("#number-carrier");
    await carrier.waitFor();
    assert.equal((await carrier.textContent())?.trim(), "BBB");
    const history = (await page.locator("main table").first().textContent()) ?? "";
    assert.match(history, /ported/);
    await page.locator("#naptr").waitFor();
    assert.match(
      (await page.locator("#naptr").textContent()) ?? "",
      /0\.0\.0\.0\.3\.2\.1\.5\.5\.5\.1\.e164\.arpa\. IN NAPTR 100 10 "U" "E2U\+sip" "!\^\.\*\$!sip:alice@example\.com!" \./,
    );
    const badges = page.locator("[data-verified]");
    await page.waitForFunction(() => document.querySelectorAll("[data-verified]").length === 2, null, {
      timeout: 20_000,
    });
    for (const b of await badges.all())
      assert.equal(await b.getAttribute("data-verified"), "yes", (await b.textContent()) ?? "");
    noProblems("number page");
  });

  test("an unclaimed number shows NOT CLAIMED, verified (an exclusion proof), with no 404 on the way", async () => {
    await page.goto(`${dev.h.node.url}/number/+15559870000`);
    await page.locator("#number-unclaimed").waitFor();
    assert.match((await page.locator("#number-unclaimed").textContent()) ?? "", /NOT CLAIMED/);
    await verifiedBlock();
    assert.match((await page.locator("main").textContent()) ?? "", /No ENUM records/);
    noProblems("number page (unclaimed)");
  });

  test("the search box lands on the right page for every kind of key", async () => {
    const cases: [string, string][] = [
      ["3", "/block/3"],
      [seen.blockHash, `/block/${seen.blockHash}`],
      [seen.txHash, `/tx/${seen.txHash}`],
      [devAccount(3).address, `/account/${devAccount(3).address}`],
      [NUMBER, `/number/${NUMBER}`],
      ["1 555 123 0000", `/number/${NUMBER}`],
      [STOLEN, `/device/${STOLEN}`],
      [UNKNOWN, `/device/${UNKNOWN}`],
      ["BBB", "/carrier/BBB"],
    ];
    await page.goto(dev.h.node.url);
    for (const [q, path] of cases) {
      await page.fill("header input[name=q]", q);
      await page.press("header input[name=q]", "Enter");
      await page.waitForURL((u) => decodeURIComponent(u.pathname) === path, { timeout: 10_000 });
    }
    await page.fill("header input[name=q]", "nothing-like-a-key");
    await page.press("header input[name=q]", "Enter");
    await page.locator("#search-none").waitFor();
    // The search asks the API whether a key names something: a 404 (nothing) or a 400 (not
    // that kind of key) from a /v1 lookup is an answer, which Chromium also logs.
    const probe = (p: PageProblem) =>
      new URL(p.url ?? "", dev.h.node.url).pathname.startsWith("/v1/") &&
      ((p.kind === "response" && (p.status === 400 || p.status === 404)) ||
        (p.kind === "console" && /status of (400|404) /.test(p.text)));
    noProblems("search", probe);
  });

  test("screenshots of the main pages, desktop and phone, with no errors on any", async () => {
    const pages: [string, string, string][] = [
      ["dashboard", "/", "#charts canvas"],
      ["blocks", "/blocks", "#block-list"],
      ["block", `/block/${seen.stolenAt}`, "main table"],
      ["tx", `/tx/${seen.txHash}`, "main dl"],
      ["account", `/account/${devAccount(3).address}`, "main table"],
      ["device-stolen", `/device/${STOLEN}`, "[data-verified]"],
      ["device-unregistered", `/device/${UNKNOWN}`, "[data-verified]"],
      ["number", `/number/${NUMBER}`, "#naptr"],
      ["carriers", "/carriers", "main table"],
      ["carrier", "/carrier/BBB", "#carrier-name"],
      ["settlement", "/settlement/0", "main dl"],
      ["vouchers", "/vouchers?issuer=AAA", "main select"],
      ["services", "/services", "main .card"],
    ];
    const dir = screenshotDir();
    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      for (const [name, path, ready] of pages) {
        await page.goto(`${dev.h.node.url}${path}`);
        await page.locator(ready).first().waitFor();
        await page.screenshot({ path: join(dir, `${name}-${size}.png`), fullPage: true });
        if (size === "phone") {
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(wide <= PHONE.width, `${name} is ${wide}px wide on a ${PHONE.width}px phone`);
        }
        noProblems(`${name} (${size})`);
      }
    }
  });
}
