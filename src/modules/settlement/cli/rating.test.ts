/**
 * The offline rating commands as a user runs them: the real CLI in subprocesses on small CSV
 * files (no node), human and --json output, exit codes and the codes of each refusal.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fromHex } from "../../../bytes.js";
import { sha256 } from "../../../crypto/hash.js";
import { cliPath } from "../../../testing/node-process.js";
import { verifyRecordProof } from "../rating/commitment.js";
import { DECK_HEADER } from "../rating/deck.js";
import { parseCanonicalLine, RECORDS_HEADER } from "../rating/records.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-rating-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const { TELCHAIN_API: _ignored, ...inherited } = process.env;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [cliPath(), "settlement", ...args],
      { cwd: dir, env: { ...inherited, TELCHAIN_HOME: join(dir, "home") } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}
const json = (r: Run) => {
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split("\n").length, 1, "one JSON line");
  return JSON.parse(r.stdout);
};
/** The code of a refusal printed with --json (stderr), exit 1. */
const refusal = (r: Run) => {
  assert.equal(r.code, 1, r.stdout);
  return (JSON.parse(r.stderr.trim()) as { error: { code: string; message: string } }).error;
};
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};

const DECK = write(
  "deck.csv",
  `${DECK_HEADER}\nvoice,44,1200,60,60,0\nvoice,4420,900,30,6,5\nsms,,3,1,1,0\ndata,,1024,100,10,0\n`,
);
const BAD_DECK = write(
  "bad-deck.csv",
  `${DECK_HEADER}\nvoice,44,x,60,60,0\nfax,,1,1,1,1\nvoice,44,1,1,1,1\n`,
);
const A = "+15551230000";
const USAGE = write(
  "usage.csv",
  `${[
    RECORDS_HEADER,
    `c3,voice,2025-01-01T10:00:10Z,31,${A},+442079460000`, // 2: 4420 30/6: 36 s → 545, period 0
    `c1,voice,2025-01-01T10:00:20Z,61,${A},+441234567890`, // 3: 44 60/60: 120 s → 2,400, period 0
    `c2,sms,2025-01-01T10:01:00Z,2,${A},+33123456789`, // 4: 6, period 1
    `c4,data,2025-01-01T10:01:30Z,115,${A},+33123456789`, // 5: 120 KB → 120, period 1
    `c5,voice,2025-01-01T10:01:40Z,10,${A},+33123456789`, // 6: no voice line for +33
    `c1,sms,2025-01-01T10:01:50Z,1,${A},+33123456789`, // 7: c1 again
    `c6,voice,2025-01-01T09:59:59Z,5,${A},+442079460000`, // 8: before the anchor (with periods)
  ].join("\n")}\n`,
);
const PERIODS = ["--period-seconds", "60", "--anchor", "2025-01-01T10:00:00Z"];

test("deck hash and deck check: the hash of the bytes; every error with its line and exit 1", async () => {
  const hash = Buffer.from(sha256(readFileSync(join(dir, DECK)))).toString("hex");
  const human = await cli("deck", "hash", DECK);
  assert.equal(human.code, 0, human.stderr);
  assert.equal(human.stdout, `${hash}\n`);
  assert.deepEqual(json(await cli("deck", "hash", DECK, "--json")), { file: DECK, hash, lines: 4 });

  const ok = await cli("deck", "check", DECK);
  assert.equal(ok.code, 0);
  assert.match(ok.stdout, /^deck\.csv: ok, 4 rate lines \(voice 2, sms 1, data 1\)\nhash {2}[0-9a-f]{64}\n$/);

  const bad = await cli("deck", "check", BAD_DECK);
  assert.equal(bad.code, 1);
  assert.equal(
    bad.stdout,
    [
      "bad-deck.csv: 3 errors",
      '  line 2: rate must be a whole number (digits only), got "x"',
      '  line 3: service must be voice, sms or data, got "fax"',
      "  line 4: voice prefix 44 is already on line 2",
      "",
    ].join("\n"),
  );
  assert.equal(bad.stderr, "error [SETTLEMENT_BAD_DECK]: bad-deck.csv: 3 errors\n");
  const badJson = await cli("deck", "check", BAD_DECK, "--json");
  assert.equal(badJson.code, 1);
  const report = JSON.parse(badJson.stdout);
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.errors.map((e: { line: number }) => e.line),
    [2, 3, 4],
  );
  assert.equal(refusal(badJson).code, "SETTLEMENT_BAD_DECK");
  // a deck with errors has no hash to agree on
  const refused = refusal(await cli("deck", "hash", BAD_DECK, "--json"));
  assert.equal(refused.code, "SETTLEMENT_BAD_DECK");
  assert.match(refused.message, /line 3: service must be/);
  assert.equal(
    refusal(await cli("deck", "check", "missing.csv", "--json")).code,
    "SETTLEMENT_FILE_UNREADABLE",
  );
});

test("usage rate: totals and roots per period, rejects with lines, the rated records file", async () => {
  const out = json(
    await cli(
      "usage",
      "rate",
      "--deck",
      DECK,
      "--records",
      USAGE,
      ...PERIODS,
      "--out",
      "rated.csv",
      "--json",
    ),
  );
  assert.equal(out.lines, 8);
  assert.equal(out.accepted, 4);
  assert.deepEqual(
    out.periods.map((p: Record<string, unknown>) => [
      p.period,
      p.start,
      p.end,
      p.count,
      p.quantity,
      p.charge,
    ]),
    [
      [0, "2025-01-01T10:00:00Z", "2025-01-01T10:01:00Z", 2, { voice: "92", sms: "0", data: "0" }, "2945"],
      [1, "2025-01-01T10:01:00Z", "2025-01-01T10:02:00Z", 2, { voice: "0", sms: "2", data: "115" }, "126"],
    ],
  );
  assert.deepEqual(out.total, { count: 4, quantity: { voice: "92", sms: "2", data: "115" }, charge: "3071" });
  assert.deepEqual(
    out.rejects.map((r: Record<string, unknown>) => [r.line, r.recordId, r.code]),
    [
      [6, "c5", "SETTLEMENT_NO_RATE"],
      [7, "c1", "SETTLEMENT_DUPLICATE_RECORD"],
      [8, "c6", "SETTLEMENT_BEFORE_ANCHOR"],
    ],
  );
  assert.equal(
    readFileSync(join(dir, "rated.csv"), "utf8"),
    [
      "record_id,service,start_utc,quantity,calling,called,period,prefix,billed,charge",
      `c3,voice,2025-01-01T10:00:10Z,31,${A},+442079460000,0,4420,36,545`,
      `c1,voice,2025-01-01T10:00:20Z,61,${A},+441234567890,0,44,120,2400`,
      `c2,sms,2025-01-01T10:01:00Z,2,${A},+33123456789,1,,2,6`,
      `c4,data,2025-01-01T10:01:30Z,115,${A},+33123456789,1,,120,120`,
      "",
    ].join("\n"),
  );

  const human = await cli("usage", "rate", "--deck", DECK, "--records", USAGE);
  assert.equal(human.code, 0, human.stderr);
  assert.equal(human.stderr, "", "no progress bar when stderr is not a terminal");
  assert.match(human.stdout, /^records +7 lines after the header: 5 accepted, 2 rejected$/m);
  assert.match(
    human.stdout,
    /^all records\n {2}records {3}5\n {2}quantity {2}voice 97 s, sms 2 messages, data 115 KB\n {2}charge {4}3,526\n {2}root {6}[0-9a-f]{64}$/m,
  );
  assert.match(
    human.stdout,
    /^rejected \(2\):\n {2}line 6 {2}c5 {2}\[SETTLEMENT_NO_RATE\] no voice line of the deck matches \+33123456789\n {2}line 7 {2}c1 {2}\[SETTLEMENT_DUPLICATE_RECORD\] record_id c1 is already on line 3/m,
  );
});

test("usage rate refusals: periods, files, header, seller", async () => {
  const code = async (...args: string[]) => refusal(await cli("usage", "rate", ...args, "--json")).code;
  const base = ["--deck", DECK, "--records", USAGE];
  assert.equal(await code(...base, "--period-seconds", "60"), "SETTLEMENT_BAD_PERIOD");
  assert.equal(await code(...base, "--anchor", "2025-01-01T10:00:00Z"), "SETTLEMENT_BAD_PERIOD");
  assert.equal(
    await code(...base, "--period-seconds", "0", "--anchor", "2025-01-01T10:00:00Z"),
    "SETTLEMENT_BAD_PERIOD",
  );
  assert.equal(
    await code(...base, "--period-seconds", "60", "--anchor", "2025-01-01"),
    "SETTLEMENT_BAD_PERIOD",
  );
  assert.equal(await code("--deck", BAD_DECK, "--records", USAGE), "SETTLEMENT_BAD_DECK");
  assert.equal(await code("--deck", DECK, "--records", "none.csv"), "SETTLEMENT_FILE_UNREADABLE");
  const noHeader = write("noheader.csv", `c1,voice,2025-01-01T10:00:20Z,61,${A},+441234567890\n`);
  assert.equal(await code("--deck", DECK, "--records", noHeader), "SETTLEMENT_BAD_USAGE_FILE");
  assert.equal(await code(...base, "--seller", "aaa"), "SETTLEMENT_BAD_CARRIER");
  assert.equal(await code(...base, "--api", "http://127.0.0.1:1"), "MISSING_ARGUMENT");
  assert.equal(await code(...base, "--seller", "AAA", "--api", "http://127.0.0.1:1"), "NODE_UNREACHABLE");
  assert.equal(await code("--deck", DECK), "MISSING_ARGUMENT");
});

test("usage prove: the record, its index and path verify against the period's root from usage rate", async () => {
  const rated = json(await cli("usage", "rate", "--deck", DECK, "--records", USAGE, ...PERIODS, "--json"));
  const prove = (...more: string[]) =>
    cli("usage", "prove", "--records", USAGE, "--record-id", "c3", "--deck", DECK, ...PERIODS, ...more);
  const p = json(await prove("--json"));
  assert.equal(p.record, `c3,voice,2025-01-01T10:00:10Z,31,${A},+442079460000`);
  assert.deepEqual([p.line, p.period, p.index, p.count], [2, 0, 1, 2]); // c1 sorts before c3
  assert.equal(p.root, rated.periods[0].root);
  assert.equal(p.deckHash, rated.deckHash);
  assert.ok(
    verifyRecordProof({
      record: parseCanonicalLine(p.record),
      index: p.index,
      count: p.count,
      root: fromHex(p.root),
      proof: p.proof.map(fromHex),
    }),
  );
  const human = await prove();
  assert.match(human.stdout, /^index +1 of 2 records \(sorted by record_id, from 0\)$/m);
  assert.match(human.stdout, /^proof \(1 hashes, leaf upward\):\n {2}0 {2}[0-9a-f]{64}$/m);

  const missing = refusal(await cli("usage", "prove", "--records", USAGE, "--record-id", "zz", "--json"));
  assert.equal(missing.code, "SETTLEMENT_RECORD_NOT_FOUND");
  const rejected = refusal(
    await cli("usage", "prove", "--records", USAGE, "--record-id", "c5", "--deck", DECK, "--json"),
  );
  assert.equal(rejected.code, "SETTLEMENT_RECORD_NOT_FOUND");
  assert.match(rejected.message, /line 6\) is rejected, so it is in no commitment: no voice line/);
  // without a deck every well-formed record counts: c5 is then in the tree
  const c5 = json(await cli("usage", "prove", "--records", USAGE, "--record-id", "c5", "--json"));
  assert.deepEqual([c5.period, c5.count, c5.deckHash], [null, 6, null]);
});

test("usage compare: the classes with their totals and the differences", async () => {
  const theirs = write(
    "theirs.csv",
    `${[
      RECORDS_HEADER,
      `c1,voice,2025-01-01T10:00:20Z,61,${A},+441234567890`, // exact
      `c3,voice,2025-01-01T10:00:10Z,33,${A},+442079460000`, // partial (31 vs 33)
      `c2,sms,2025-01-01T10:01:00Z,3,${A},+33123456789`, // mismatch
      `c9,sms,2025-01-01T10:01:00Z,1,${A},+33123456789`, // only theirs
    ].join("\n")}\n`,
  );
  const c = json(await cli("usage", "compare", USAGE, theirs, "--deck", DECK, "--json"));
  const counts = Object.fromEntries(
    Object.entries(c.classes).map(([k, v]) => [k, (v as { count: number }).count]),
  );
  assert.deepEqual(counts, { exact: 1, partial: 1, mismatch: 1, "only-mine": 2, "only-theirs": 1 });
  assert.deepEqual(c.classes.partial.mine.charge, "545");
  assert.deepEqual(c.classes.partial.theirs.charge, "545"); // 33 s also bills 36 s
  assert.deepEqual(
    c.differences.map((d: { recordId: string; class: string }) => `${d.recordId}:${d.class}`),
    ["c2:mismatch", "c3:partial", "c4:only-mine", "c6:only-mine", "c9:only-theirs"],
  );
  assert.equal(c.mine.rejects.length, 2);
  const human = await cli("usage", "compare", USAGE, theirs, "--deck", DECK);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^partial +1 +voice 31 s +545 +voice 33 s +545$/m);
  assert.match(human.stdout, /^ {2}c3 {2}partial\n {4}mine {4}line 2: c3,voice/m);
  assert.equal(
    refusal(await cli("usage", "compare", USAGE, "--deck", DECK, "--json")).code,
    "MISSING_ARGUMENT",
  );
});

test("help: the settlement command lists deck and usage", async () => {
  const r = await cli("--help");
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^ {2}deck\b/m);
  assert.match(r.stdout, /^ {2}usage\b/m);
});
