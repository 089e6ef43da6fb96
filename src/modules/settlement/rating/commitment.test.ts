/**
 * Commitments: the root is the RFC 6962 root over the accepted records' leaves sorted by
 * record_id (whatever the file's order), per period; every record's proof verifies against its
 * period's root and count, and a changed record, index, count or path does not; one period
 * only (what `usage commit` asks for), an empty period, and totals over 2^64 − 1.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { EMPTY_MERKLE_ROOT, merkleRoot } from "../../../chain/merkle.js";
import { isTelchainError } from "../../../errors.js";
import { PeriodTree, verifyRecordProof } from "./commitment.js";
import { DECK_HEADER } from "./deck.js";
import { rateUsage, rateUsageFile } from "./rate-file.js";
import { recordLeaf, type UsageRecord } from "./record.js";
import { parseCanonicalLine, parseUtc, RECORDS_HEADER } from "./records.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-commit-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const deckPath = write("deck.csv", `${DECK_HEADER}\nvoice,,1200,60,60,0\nsms,,3,1,1,0\n`);
const ANCHOR = parseUtc("2025-01-01T00:00:00Z") as number;
const periods = { periodSeconds: 3600, anchor: ANCHOR };

/** n records spread over three hours, ids not in file order. */
function records(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `r${String((i * 7919) % 1000).padStart(4, "0")}-${i}`;
    const hour = i % 3;
    const start = new Date((ANCHOR + hour * 3600 + i) * 1000).toISOString().slice(0, 19);
    out.push(
      `${id},${i % 4 === 0 ? "sms" : "voice"},${start}Z,${i % 200},+15551230000,+44207946${String(i % 10000).padStart(4, "0")}`,
    );
  }
  return out;
}

const lines = records(57);
const usagePath = write("usage.csv", `${RECORDS_HEADER}\n${lines.join("\n")}\n`);
const byPeriod = (p: number) =>
  lines
    .map((l) => parseCanonicalLine(l))
    .filter((r) => Math.floor((r.start - ANCHOR) / 3600) === p)
    .sort((a, b) => (a.recordId < b.recordId ? -1 : 1));

test("per period: root over the leaves sorted by record_id, count, quantities and charge", async () => {
  const r = await rateUsageFile(deckPath, usagePath, { periods });
  assert.equal(r.rejects.length, 0);
  assert.deepEqual(
    r.periods.map((c) => c.period),
    [0, 1, 2],
  );
  for (const c of r.periods) {
    const recs = byPeriod(c.period as number);
    assert.deepEqual(c.root, merkleRoot(recs.map(recordLeaf)));
    assert.equal(c.count, recs.length);
    const sum = (s: string) => recs.filter((x) => x.service === s).reduce((a, x) => a + x.quantity, 0n);
    assert.deepEqual(c.quantity, { voice: sum("voice"), sms: sum("sms"), data: 0n });
    // voice: 1,200 per started minute (60/60), 0 for 0 s; sms: 3 each
    const charge = recs.reduce(
      (a, x) =>
        a +
        (x.quantity === 0n ? 0n : x.service === "sms" ? 3n * x.quantity : ((x.quantity + 59n) / 60n) * 1200n),
      0n,
    );
    assert.equal(c.charge, charge);
  }
});

test("every record's proof verifies; a changed record, index, count or path does not", async () => {
  const r = await rateUsage(undefined, usagePath, { periods });
  for (const c of r.periods) {
    const tree = r.trees.get(c.period);
    assert.ok(tree);
    const recs = byPeriod(c.period as number);
    recs.forEach((record, i) => {
      const p = tree.prove(record.recordId);
      assert.ok(p);
      assert.equal(p.index, i);
      const ok = { record, index: p.index, count: c.count, root: c.root, proof: p.proof };
      assert.ok(verifyRecordProof(ok), record.recordId);
      const other: UsageRecord = { ...record, quantity: record.quantity + 1n };
      assert.equal(verifyRecordProof({ ...ok, record: other }), false);
      assert.equal(verifyRecordProof({ ...ok, index: (i + 1) % c.count }), c.count === 1);
      // (the count itself must come from the commitment: as in RFC 9162 some paths fit two sizes)
      assert.equal(verifyRecordProof({ ...ok, count: c.count * 4 }), false);
      if (p.proof.length > 0) {
        const bent = p.proof.map((h, j) => (j === 0 ? h.map((b) => b ^ 1) : h));
        assert.equal(verifyRecordProof({ ...ok, proof: bent }), false);
      }
    });
    assert.equal(tree.prove("nope"), undefined);
  }
});

test("one period only: that period's commitment, an empty one when it has no record", async () => {
  const all = await rateUsageFile(deckPath, usagePath, { periods });
  const one = await rateUsageFile(deckPath, usagePath, { periods, onlyPeriod: 1 });
  assert.equal(one.accepted, all.accepted);
  assert.deepEqual(one.periods, [all.periods[1]]);
  const none = await rateUsageFile(deckPath, usagePath, { periods, onlyPeriod: 9 });
  assert.deepEqual(none.periods, [
    {
      period: 9,
      start: ANCHOR + 9 * 3600,
      end: ANCHOR + 10 * 3600,
      root: EMPTY_MERKLE_ROOT,
      count: 0,
      quantity: { voice: 0n, sms: 0n, data: 0n },
      charge: 0n,
    },
  ]);
  await assert.rejects(
    rateUsageFile(deckPath, usagePath, { onlyPeriod: 1 }),
    (e) => isTelchainError(e) && e.code === "SETTLEMENT_BAD_PERIOD",
  );
  await assert.rejects(
    rateUsageFile(deckPath, usagePath, { periods: { periodSeconds: 0, anchor: ANCHOR } }),
    (e) => isTelchainError(e) && e.code === "SETTLEMENT_BAD_PERIOD",
  );
});

test("a period total over 2^64 - 1 is SETTLEMENT_OVERFLOW", () => {
  const max = (1n << 64n) - 1n;
  const tree = new PeriodTree(0);
  const rec = (id: string, quantity: bigint): UsageRecord => ({
    recordId: id,
    service: "sms",
    start: ANCHOR,
    quantity,
    calling: "+15551230000",
    called: "+442079460000",
  });
  tree.add(rec("a", max), 1n);
  assert.throws(
    () => tree.add(rec("b", 1n), 1n),
    (e) =>
      isTelchainError(e) && e.code === "SETTLEMENT_OVERFLOW" && /sms quantity of period 0/.test(e.message),
  );
  assert.throws(
    () => tree.add(rec("c", 0n), max),
    (e) => isTelchainError(e) && e.code === "SETTLEMENT_OVERFLOW" && /charge of period 0/.test(e.message),
  );
  assert.equal(tree.count, 1, "a refused record is not added");
});
