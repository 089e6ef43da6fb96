/**
 * Usage files: each kind of reject with its line and code (bad fields, a repeated id — the
 * earlier line stands —, no deck line, before the anchor, a charge over 2^64 − 1), the header
 * rule, canonical lines, and a fast-check property: random and mutated lines give a record or
 * a reject with that line and a declared code, never a crash.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import fc from "fast-check";
import { utf8 } from "../../../crypto/hash.js";
import { isTelchainError } from "../../../errors.js";
import { SETTLEMENT_ERRORS } from "../errors.js";
import { DECK_HEADER, parseDeck } from "./deck.js";
import { rateUsage } from "./rate-file.js";
import { canonicalLine } from "./record.js";
import { isReject, parseCanonicalLine, parseUtc, RECORDS_HEADER, RecordParser } from "./records.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-records-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (...rows: string[]) => {
  const p = join(dir, `u${files++}.csv`);
  writeFileSync(p, `${[RECORDS_HEADER, ...rows].join("\n")}\n`);
  return p;
};
const DECK = parseDeck(
  utf8(`${DECK_HEADER}\nvoice,44,1200,60,60,0\nvoice,1,18446744073709551615,1,1,0\nsms,,3,1,1,0\n`),
).deck;
assert.ok(DECK);
const A = "+15551230000";
const UK = "+442079460000";

test("parseUtc: ISO 8601 with Z to unix seconds; fractions cut; impossible dates refused", () => {
  assert.equal(parseUtc("1970-01-01T00:00:00Z"), 0);
  assert.equal(parseUtc("2025-01-01T10:00:00Z"), 1_735_725_600);
  assert.equal(parseUtc("2025-01-01T10:00:00.999Z"), 1_735_725_600);
  assert.equal(parseUtc("2024-02-29T23:59:59Z"), 1_709_251_199);
  for (const bad of [
    "2025-01-01 10:00:00Z",
    "2025-01-01T10:00:00",
    "2025-01-01T10:00:00+00:00",
    "2025-1-01T10:00:00Z",
    "2023-02-29T00:00:00Z",
    "2025-01-01T24:00:00Z",
    "2025-01-01T10:60:00Z",
    "2025-01-01T10:00:60Z",
    "1969-12-31T23:59:59Z",
    "",
  ])
    assert.equal(typeof parseUtc(bad), "string", bad);
});

test("every kind of reject has its line, id and code; nothing rejected is in the totals", async () => {
  const path = file(
    `c1,voice,2025-01-01T10:00:00Z,61,${A},${UK}`, // 2: ok, 120 s billed = 2,400
    `c2,sms,2025-01-01T10:00:05Z,2,${A},+33123456789`, // 3: ok, 6
    `c1,voice,2025-01-01T10:00:09Z,5,${A},${UK}`, // 4: id of line 2
    `c3,fax,2025-01-01T10:00:00Z,5,${A},${UK}`, // 5: service
    `c4,voice,2025-01-01T10:00:00Z,-5,${A},${UK}`, // 6: quantity
    `c5,voice,2025-01-01T10:00:00Z,5,${A},+4420794600001`, // 7: called too long
    `c6,voice,2025-01-01T10:00:00Z,5,15551230000,${UK}`, // 8: calling without +
    `c7,voice,2025-01-01T10:00:00Z,5,${A},+33123456789`, // 9: no voice line for +33
    `c8,voice,2025-01-01T10:00:00Z,61,${A},+15551234567`, // 10: charge over 2^64 - 1
    `bad id!,voice,2025-01-01T10:00:00Z,5,${A},${UK}`, // 11: id
    `c9,voice,2025-01-01T10:00:00Z,5,${A}`, // 12: five fields
    "", // 13: blank, skipped
    `c3,voice,2025-01-01T10:00:00Z,5,${A},${UK}`, // 14: c3 was carried by line 5 (rejected): still a repeat
    `c10,voice,2025-01-01T10:00:00.5Z,0,${A},${UK}`, // 15: ok, unanswered: 0
  );
  const r = await rateUsage(DECK, path);
  assert.equal(r.lines, 15);
  assert.equal(r.accepted, 3);
  assert.deepEqual(
    r.rejects.map((x) => [x.line, x.recordId, x.code]),
    [
      [4, "c1", "SETTLEMENT_DUPLICATE_RECORD"],
      [5, "c3", "SETTLEMENT_BAD_RECORD"],
      [6, "c4", "SETTLEMENT_BAD_RECORD"],
      [7, "c5", "SETTLEMENT_BAD_RECORD"],
      [8, "c6", "SETTLEMENT_BAD_RECORD"],
      [9, "c7", "SETTLEMENT_NO_RATE"],
      [10, "c8", "SETTLEMENT_OVERFLOW"],
      [11, undefined, "SETTLEMENT_BAD_RECORD"],
      [12, "c9", "SETTLEMENT_BAD_RECORD"],
      [14, "c3", "SETTLEMENT_DUPLICATE_RECORD"],
    ],
  );
  const reason = (line: number) => r.rejects.find((x) => x.line === line)?.reason;
  assert.equal(reason(4), "record_id c1 is already on line 2 (the earlier line stands)");
  assert.match(reason(5) ?? "", /^service must be voice, sms or data, got "fax"$/);
  assert.match(reason(6) ?? "", /^quantity must be a whole number/);
  assert.match(reason(7) ?? "", /^called: "\+4420794600001" is not an E\.164 number: too long/);
  assert.match(reason(8) ?? "", /^calling: .*missing "\+"/);
  assert.equal(reason(9), "no voice line of the deck matches +33123456789");
  assert.match(reason(10) ?? "", /charge .* is over 2\^64 − 1/);
  assert.match(reason(11) ?? "", /^record_id must be 1 to 64 of/);
  assert.match(reason(12) ?? "", /^expected 6 fields/);
  const [all] = r.periods;
  assert.equal(all.period, null);
  assert.equal(all.count, 3);
  assert.deepEqual(all.quantity, { voice: 61n, sms: 2n, data: 0n });
  assert.equal(all.charge, 2_400n + 6n);
  // the earlier line of a repeated id stands
  const ids: string[] = [];
  await rateUsage(DECK, path, { onRecord: (x) => void ids.push(`${x.line}:${x.record.recordId}`) });
  assert.deepEqual(ids, ["2:c1", "3:c2", "15:c10"]);
});

test("periods: floor((start - anchor) / S); a start before the anchor is rejected", async () => {
  const path = file(
    `p1,sms,2025-01-01T09:59:59Z,1,${A},${UK}`, // before the anchor
    `p2,sms,2025-01-01T10:00:00Z,1,${A},${UK}`, // period 0 starts
    `p3,sms,2025-01-01T10:00:59Z,2,${A},${UK}`, // still 0
    `p4,sms,2025-01-01T10:01:00Z,4,${A},${UK}`, // 1
    `p5,sms,2025-01-01T10:05:30Z,8,${A},${UK}`, // 5
  );
  const anchor = parseUtc("2025-01-01T10:00:00Z") as number;
  const r = await rateUsage(DECK, path, { periods: { periodSeconds: 60, anchor } });
  assert.deepEqual(
    r.rejects.map((x) => [x.line, x.code]),
    [[2, "SETTLEMENT_BEFORE_ANCHOR"]],
  );
  assert.deepEqual(
    r.periods.map((p) => [p.period, p.start, p.end, p.count, p.quantity.sms, p.charge]),
    [
      [0, anchor, anchor + 60, 2, 3n, 9n],
      [1, anchor + 60, anchor + 120, 1, 4n, 12n],
      [5, anchor + 300, anchor + 360, 1, 8n, 24n],
    ],
  );
});

test("the file itself: a wrong header or an empty file is SETTLEMENT_BAD_USAGE_FILE; a folder is unreadable", async () => {
  const bad = join(dir, "noheader.csv");
  writeFileSync(bad, `c1,voice,2025-01-01T10:00:00Z,61,${A},${UK}\n`);
  const refused = (code: string, re: RegExp) => (e: unknown) =>
    isTelchainError(e) && e.code === code && re.test(e.message);
  await assert.rejects(
    rateUsage(DECK, bad),
    refused("SETTLEMENT_BAD_USAGE_FILE", /line 1: the first line must be the header/),
  );
  const empty = join(dir, "empty.csv");
  writeFileSync(empty, "");
  await assert.rejects(rateUsage(DECK, empty), refused("SETTLEMENT_BAD_USAGE_FILE", /is empty/));
  await assert.rejects(rateUsage(DECK, dir), refused("SETTLEMENT_FILE_UNREADABLE", /folder/));
  await assert.rejects(
    rateUsage(DECK, join(dir, "none.csv")),
    refused("SETTLEMENT_FILE_UNREADABLE", /no such file/),
  );
  // a CRLF file with a byte-order mark and spaces is read the same
  const crlf = join(dir, "crlf.csv");
  writeFileSync(crlf, `\uFEFF${RECORDS_HEADER}\r\n c1 , voice ,2025-01-01T10:00:00Z,61,${A},${UK}\r\n`);
  const r = await rateUsage(DECK, crlf);
  assert.equal(r.periods[0].charge, 2_400n);
});

test("canonical lines: fractions cut, quantity without leading zeros; parseCanonicalLine reads them back", () => {
  const p = new RecordParser();
  p.line(RECORDS_HEADER, 1);
  const r = p.line(`x.1:a-b_c,data,2025-01-01T10:00:00.250Z,007,${A},${UK}`, 2);
  assert.ok(r && !isReject(r));
  assert.equal(canonicalLine(r.record), `x.1:a-b_c,data,2025-01-01T10:00:00Z,7,${A},${UK}`);
  assert.deepEqual(parseCanonicalLine(canonicalLine(r.record)), r.record);
  assert.throws(
    () => parseCanonicalLine("x,voice"),
    (e) => isTelchainError(e) && e.code === "SETTLEMENT_BAD_RECORD",
  );
});

const GOOD = `c1,voice,2025-01-01T10:00:00Z,61,${A},${UK}`;
const fieldArb = fc.oneof(
  fc.constantFrom(
    "c1",
    "voice",
    "sms",
    "data",
    "2025-01-01T10:00:00Z",
    "2025-02-30T10:00:00Z",
    "61",
    A,
    UK,
    "",
  ),
  fc.stringMatching(/^\+?[0-9]{0,17}$/),
  fc.string({ maxLength: 16 }),
);
/** A good line with one field replaced, a field cut, or characters inserted. */
const mutatedLine = fc.oneof(
  fc.tuple(fc.nat(5), fieldArb).map(([i, v]) =>
    GOOD.split(",")
      .map((f, j) => (j === i ? v : f))
      .join(","),
  ),
  fc
    .tuple(fc.nat(GOOD.length), fc.string({ maxLength: 4 }))
    .map(([i, s]) => GOOD.slice(0, i) + s + GOOD.slice(i)),
  fc.nat(GOOD.length).map((i) => GOOD.slice(0, i)),
  fc.array(fieldArb, { maxLength: 8 }).map((f) => f.join(",")),
  fc.string({ maxLength: 60 }),
);
const CODES = Object.keys(SETTLEMENT_ERRORS.codes);

test("property: any line is a record or a reject with its line and a declared code; never a crash", () => {
  fc.assert(
    fc.property(fc.array(mutatedLine, { maxLength: 15 }), (lines) => {
      const p = new RecordParser();
      p.line(RECORDS_HEADER, 1);
      const seen = new Set<string>();
      for (const [i, text] of lines.entries()) {
        const n = i + 2;
        const r = p.line(text, n);
        if (r === undefined) {
          assert.equal(text.trim(), "");
          continue;
        }
        assert.equal(r.line, n);
        if (isReject(r)) {
          assert.ok(CODES.includes(r.code), r.code);
          assert.ok(r.reason.length > 0);
        } else {
          assert.ok(!seen.has(r.record.recordId), "an accepted id is never accepted again");
          assert.deepEqual(parseCanonicalLine(canonicalLine(r.record)), r.record);
        }
        const id = isReject(r) ? r.recordId : r.record.recordId;
        if (id !== undefined) seen.add(id);
      }
    }),
    { numRuns: 500 },
  );
});
