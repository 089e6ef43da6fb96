/**
 * usage compare: each class (exact, partial within 2 s for voice, mismatch, missing on either
 * side) with hand-computed totals, and rejected lines kept out of the matching.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { utf8 } from "../../../crypto/hash.js";
import { classify, compareUsage } from "./compare.js";
import { DECK_HEADER, parseDeck } from "./deck.js";
import { parseCanonicalLine, RECORDS_HEADER } from "./records.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-compare-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const usage = (name: string, ...rows: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, `${RECORDS_HEADER}\n${rows.join("\n")}\n`);
  return p;
};
// voice 1/1 at 60 per minute: 1 per second; sms 3 each; data 1,024 per MB: 1 per KB
const DECK = parseDeck(utf8(`${DECK_HEADER}\nvoice,,60,1,1,0\nsms,,3,1,1,0\ndata,,1024,1,1,0\n`)).deck;
assert.ok(DECK);
const A = "+15551230000";
const B = "+442079460000";
const T = "2025-01-01T10:00:00Z";

test("classify: exact, partial only for voice within 2 s with all else equal, else mismatch", () => {
  const r = (line: string) => parseCanonicalLine(line);
  const base = r(`x,voice,${T},60,${A},${B}`);
  assert.equal(classify(base, r(`x,voice,${T},60,${A},${B}`)), "exact");
  assert.equal(classify(base, r(`x,voice,${T},62,${A},${B}`)), "partial");
  assert.equal(classify(base, r(`x,voice,${T},58,${A},${B}`)), "partial");
  assert.equal(classify(base, r(`x,voice,${T},63,${A},${B}`)), "mismatch");
  assert.equal(classify(base, r(`x,voice,2025-01-01T10:00:01Z,60,${A},${B}`)), "mismatch");
  assert.equal(classify(base, r(`x,voice,${T},61,${B},${A}`)), "mismatch");
  assert.equal(classify(r(`x,data,${T},60,${A},${B}`), r(`x,data,${T},61,${A},${B}`)), "mismatch");
  assert.equal(classify(base, r(`x,sms,${T},60,${A},${B}`)), "mismatch");
});

test("compare: classes with their totals, differences in record_id order, rejects apart", async () => {
  const mine = usage(
    "mine.csv",
    `e1,voice,${T},100,${A},${B}`, // exact
    `e2,sms,${T},2,${A},${B}`, // exact
    `p1,voice,${T},60,${A},${B}`, // partial: theirs 62
    `m1,data,${T},10,${A},${B}`, // mismatch: theirs 12 KB
    `m2,voice,${T},30,${A},${B}`, // mismatch: theirs called another number
    `o1,voice,${T},45,${A},${B}`, // only mine
    `bad,voice,${T},x,${A},${B}`, // rejected in mine; theirs has it: only theirs
  );
  const theirs = usage(
    "theirs.csv",
    `t1,sms,${T},1,${A},${B}`, // only theirs
    `m2,voice,${T},30,${A},+442079460001`,
    `p1,voice,${T},62,${A},${B}`,
    `e2,sms,${T},2,${A},${B}`,
    `m1,data,${T},12,${A},${B}`,
    `e1,voice,${T},100,${A},${B}`,
    `bad,voice,${T},5,${A},${B}`,
    `e1,voice,${T},1,${A},${B}`, // rejected in theirs: repeated id
  );
  const c = await compareUsage(DECK, mine, theirs);
  const q = (voice: bigint, sms: bigint, data: bigint) => ({ voice, sms, data });
  const side = (quantity: ReturnType<typeof q>, charge: bigint) => ({ quantity, charge });
  const zero = side(q(0n, 0n, 0n), 0n);
  assert.deepEqual(c.classes, {
    exact: { count: 2, mine: side(q(100n, 2n, 0n), 106n), theirs: side(q(100n, 2n, 0n), 106n) },
    partial: { count: 1, mine: side(q(60n, 0n, 0n), 60n), theirs: side(q(62n, 0n, 0n), 62n) },
    mismatch: { count: 2, mine: side(q(30n, 0n, 10n), 40n), theirs: side(q(30n, 0n, 12n), 42n) },
    "only-mine": { count: 1, mine: side(q(45n, 0n, 0n), 45n), theirs: zero },
    "only-theirs": { count: 2, mine: zero, theirs: side(q(5n, 1n, 0n), 8n) },
  });
  assert.deepEqual(
    c.differences.map((d) => [d.recordId, d.class, d.mine?.line, d.theirs?.line]),
    [
      ["bad", "only-theirs", undefined, 8],
      ["m1", "mismatch", 5, 6],
      ["m2", "mismatch", 6, 3],
      ["o1", "only-mine", 7, undefined],
      ["p1", "partial", 4, 4],
      ["t1", "only-theirs", undefined, 2],
    ],
  );
  assert.deepEqual(
    c.mine.rejects.map((r) => [r.line, r.code]),
    [[8, "SETTLEMENT_BAD_RECORD"]],
  );
  assert.deepEqual(
    c.theirs.rejects.map((r) => [r.line, r.code]),
    [[9, "SETTLEMENT_DUPLICATE_RECORD"]],
  );
  assert.equal(c.mine.accepted, 6);
  assert.equal(c.theirs.accepted, 7);
  assert.equal(c.deckHash, DECK.hash);
});
