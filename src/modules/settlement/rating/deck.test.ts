/**
 * Rate decks: every error reported with its line (not only the first), the hash of the file's
 * bytes, the forms accepted (CRLF, BOM, spaces, "+" before a prefix, blank lines), and a
 * fast-check property: random and mutated decks give errors with lines in the file, never a crash.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import fc from "fast-check";
import { toHex } from "../../../bytes.js";
import { sha256, utf8 } from "../../../crypto/hash.js";
import { isTelchainError } from "../../../errors.js";
import { checkDeckFile, DECK_HEADER, loadDeck, parseDeck } from "./deck.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-deck-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const deck = (...rows: string[]) => utf8(`${[DECK_HEADER, ...rows].join("\n")}\n`);

test("a good deck: its lines, and the hash is SHA-256 of the bytes as they are", () => {
  const bytes = deck("voice,44,1200,60,60,0", "voice,,2000,60,60,10", "sms,,3,1,1,0", "data,1,500,1,1,0");
  const c = parseDeck(bytes);
  assert.deepEqual(c.errors, []);
  assert.equal(c.hash, toHex(sha256(bytes)));
  assert.equal(c.lineCount, 5);
  assert.deepEqual(
    c.deck?.lines.map((l) => [l.line, l.service, l.prefix, l.rate, l.initial, l.increment, l.connectFee]),
    [
      [2, "voice", "44", 1200n, 60n, 60n, 0n],
      [3, "voice", "", 2000n, 60n, 60n, 10n],
      [4, "sms", "", 3n, 1n, 1n, 0n],
      [5, "data", "1", 500n, 1n, 1n, 0n],
    ],
  );
  // the same rates written differently are the same deck with another hash
  const other = utf8(`\uFEFF${DECK_HEADER}\r\n voice , +44 ,1200,60,60,0\r\n\r\nsms,,3,1,1,0\r\n`);
  const o = parseDeck(other);
  assert.deepEqual(o.errors, []);
  assert.deepEqual(
    o.deck?.lines.map((l) => [l.line, l.service, l.prefix]),
    [
      [2, "voice", "44"],
      [4, "sms", ""],
    ],
  );
  assert.notEqual(o.hash, c.hash);
});

test("every error is reported with its line", () => {
  const c = parseDeck(
    deck(
      "voice,44,1200,60,60,0", // 2: fine
      "voice,44,900,60,60,0", // 3: duplicate of line 2
      "fax,1,1,1,1,1", // 4: service
      "voice,44a,1,1,1,1", // 5: prefix
      "voice,1234567890123456,1,1,1,1", // 6: prefix of 16 digits
      "voice,1,-1,1,1,1", // 7: rate
      "voice,2,1,1,0,1", // 8: increment 0
      "voice,3,18446744073709551616,1,1,1", // 9: rate over 2^64 - 1
      "sms,,3,60,1,0", // 10: sms initial
      "voice,4,1,1,1", // 11: five fields
      "", // 12: blank, skipped
      "data,5,x,y,0,", // 13: three errors on one line
      "sms,,3,1,1,0", // 14: repeats line 10's service and prefix (line 10 has other errors)
      "sms,,4,1,1,0", // 15: the same
      "voice,+,1,1,1,1", // 16: "+" alone
    ),
  );
  assert.equal(c.deck, undefined);
  assert.deepEqual(c.errors, [
    { line: 3, message: "voice prefix 44 is already on line 2" },
    { line: 4, message: 'service must be voice, sms or data, got "fax"' },
    { line: 5, message: 'prefix must be up to 15 digits of the destination (empty: any), got "44a"' },
    {
      line: 6,
      message: 'prefix must be up to 15 digits of the destination (empty: any), got "1234567890123456"',
    },
    { line: 7, message: 'rate must be a whole number (digits only), got "-1"' },
    { line: 8, message: "increment must be at least 1" },
    { line: 9, message: 'rate is over 2^64 − 1, got "18446744073709551616"' },
    { line: 10, message: "sms is rated per message: initial and increment must be 1, got 60 and 1" },
    { line: 11, message: "expected 6 fields (service,prefix,rate,initial,increment,connect_fee), got 5" },
    { line: 13, message: 'rate must be a whole number (digits only), got "x"' },
    { line: 13, message: 'initial must be a whole number (digits only), got "y"' },
    { line: 13, message: 'connect_fee must be a whole number (digits only), got ""' },
    { line: 13, message: "increment must be at least 1" },
    { line: 14, message: "sms the empty prefix (any destination) is already on line 10" },
    { line: 15, message: "sms the empty prefix (any destination) is already on line 10" },
    { line: 16, message: 'prefix must be up to 15 digits of the destination (empty: any), got "+"' },
  ]);
});

test("a wrong header, an empty file and a deck without rate lines are errors of line 1", () => {
  const header = { line: 1, message: `the first line must be the header ${DECK_HEADER}` };
  assert.deepEqual(parseDeck(utf8("service,prefix,rate\nvoice,,1,1,1,1\n")).errors, [header]);
  assert.deepEqual(parseDeck(utf8("prefix,service,rate,initial,increment,connect_fee\n")).errors, [header]);
  assert.deepEqual(parseDeck(new Uint8Array()).errors, [header]);
  assert.deepEqual(parseDeck(utf8(`${DECK_HEADER}\n\n`)).errors, [
    { line: 1, message: "the deck has no rate lines after the header" },
  ]);
});

test("files: unreadable is SETTLEMENT_FILE_UNREADABLE, a bad deck to rate with is SETTLEMENT_BAD_DECK", () => {
  const code = (f: () => unknown, c: string, re: RegExp) =>
    assert.throws(f, (e) => isTelchainError(e) && e.code === c && re.test(e.message));
  code(() => checkDeckFile(join(dir, "missing.csv")), "SETTLEMENT_FILE_UNREADABLE", /no such file/);
  code(() => checkDeckFile(dir), "SETTLEMENT_FILE_UNREADABLE", /folder/);
  const bad = join(dir, "bad.csv");
  writeFileSync(bad, deck("voice,44,x,1,1,1", "voice,44,1,1,1,1"));
  code(
    () => loadDeck(bad),
    "SETTLEMENT_BAD_DECK",
    /2 errors[\s\S]*line 2: rate must be a whole number[\s\S]*line 3: voice prefix 44 is already on line 2/,
  );
  const good = join(dir, "good.csv");
  writeFileSync(good, deck("voice,,1,1,1,0"));
  assert.equal(loadDeck(good).lines.length, 1);
});

const field = fc.oneof(
  fc.constantFrom(
    "voice",
    "sms",
    "data",
    "",
    "44",
    "+44",
    "1",
    "0",
    "60",
    "18446744073709551615",
    "18446744073709551616",
  ),
  fc.stringMatching(/^[0-9]{0,22}$/),
  fc.string({ maxLength: 12 }),
);
const row = fc.oneof(
  fc.array(field, { minLength: 6, maxLength: 6 }).map((f) => f.join(",")),
  fc.array(field, { maxLength: 9 }).map((f) => f.join(",")),
  fc.string({ maxLength: 40 }),
  fc.constantFrom("voice,44,1200,60,60,0", "sms,,3,1,1,0", "data,1,500,1,1,0", ""),
);

test("property: any deck gives errors with lines inside the file, or a deck; never a crash", () => {
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.array(row, { maxLength: 12 }),
      fc.constantFrom("\n", "\r\n"),
      (withHeader, rows, eol) => {
        const text = [...(withHeader ? [DECK_HEADER] : []), ...rows].join(eol);
        const c = parseDeck(utf8(text));
        assert.equal(c.hash, toHex(sha256(utf8(text))));
        for (const e of c.errors) {
          assert.ok(e.line >= 1 && e.line <= Math.max(1, c.lineCount), `line ${e.line} of ${c.lineCount}`);
          assert.ok(e.message.length > 0);
        }
        assert.equal(c.deck === undefined, c.errors.length > 0);
        for (const l of c.deck?.lines ?? []) {
          assert.ok(l.increment >= 1n);
          assert.match(l.prefix, /^[0-9]{0,15}$/);
          const hit = c.deck?.match(l.service, `${l.prefix}1234`);
          assert.ok(
            hit && hit.prefix.length >= l.prefix.length,
            "a line matches its own prefix, or a longer one",
          );
        }
      },
    ),
    { numRuns: 500 },
  );
});
