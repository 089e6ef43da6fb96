import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fixturePath } from "../testing/fixtures.js";
import { asertTarget } from "./asert.js";
import { bitsToTarget, targetToBits } from "./compact.js";

const SPEC = { spacing: 600, halfLife: 172800, powLimit: bitsToTarget(0x1d00ffff) };

interface Run {
  name: string;
  anchorHeight: bigint;
  anchorParentTime: number;
  anchorBits: number;
  rows: { iteration: number; height: bigint; time: number; bits: number }[];
  iterations: number;
}

function header(lines: string[], key: RegExp): string {
  for (const l of lines) {
    const m = /^##\s+([^:]+):\s*(.*?)\s*$/.exec(l);
    if (m && key.test(m[1])) return m[2];
  }
  throw new Error(`missing header ${key}`);
}

function parseRun(name: string): Run {
  const lines = readFileSync(fixturePath("asert", name), "utf8").split("\n");
  const rows = lines
    .filter((l) => l.trim() !== "" && !l.startsWith("#"))
    .map((l) => {
      const [iteration, height, time, bits] = l.trim().split(/\s+/);
      return { iteration: Number(iteration), height: BigInt(height), time: Number(time), bits: Number(bits) };
    });
  return {
    name,
    // Runs 1-10 call it "anchor ancestor time", runs 11-12 "anchor parent time": same field.
    anchorHeight: BigInt(header(lines, /^anchor height$/)),
    anchorParentTime: Number(header(lines, /^anchor (ancestor|parent) time$/)),
    anchorBits: Number(header(lines, /^anchor nBits$/)),
    iterations: Number(header(lines, /^iterations$/)),
    rows,
  };
}

const runNames = readdirSync(fixturePath("asert"))
  .filter((f) => /^run\d\d$/.test(f))
  .sort();

test("all twelve reference runs are present", () => {
  assert.equal(runNames.length, 12);
});

for (const name of runNames) {
  test(`aserti3-2d reference ${name}: every row matches`, () => {
    const run = parseRun(name);
    assert.equal(run.rows.length, run.iterations, "row count matches the header");
    const anchor = {
      height: run.anchorHeight,
      parentTime: run.anchorParentTime,
      target: bitsToTarget(run.anchorBits),
    };
    for (const row of run.rows) {
      const got = targetToBits(asertTarget(anchor, row.height, row.time, SPEC));
      assert.equal(
        got.toString(16),
        row.bits.toString(16),
        `${name} iteration ${row.iteration} (parent height ${row.height}, time ${row.time})`,
      );
    }
  });
}

test("reading of height: the block right after the anchor, on schedule, keeps the anchor target", () => {
  const anchor = { height: 100, parentTime: 1000, target: bitsToTarget(0x1a2b3c4d) };
  // Parent is the anchor itself (height 100), mined 600 s after its own parent: on schedule.
  assert.equal(asertTarget(anchor, 100, 1600, SPEC), anchor.target);
  // One half-life ahead of schedule halves the target, one behind doubles it.
  assert.equal(targetToBits(asertTarget(anchor, 100, 1600 - 172800, SPEC)), 0x1a159e26);
  assert.equal(targetToBits(asertTarget(anchor, 100, 1600 + 172800, SPEC)), 0x1a56789a);
});

test("results are clamped to [1, powLimit]", () => {
  const anchor = { height: 0, parentTime: 0, target: SPEC.powLimit };
  assert.equal(asertTarget(anchor, 0, 100 * 172800, SPEC), SPEC.powLimit);
  assert.equal(asertTarget({ ...anchor, target: 1n }, 0, -100 * 172800, SPEC), 1n);
});

test("refuses a parent below the anchor and an anchor target outside [1, powLimit]", () => {
  const anchor = { height: 10, parentTime: 0, target: 1000n };
  assert.throws(() => asertTarget(anchor, 9, 0, SPEC), { code: "ASERT_BAD_HEIGHT" });
  assert.throws(() => asertTarget({ ...anchor, target: 0n }, 10, 0, SPEC), { code: "ASERT_BAD_ANCHOR" });
  assert.throws(() => asertTarget({ ...anchor, target: SPEC.powLimit + 1n }, 10, 0, SPEC), {
    code: "ASERT_BAD_ANCHOR",
  });
});
