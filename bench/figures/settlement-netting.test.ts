import assert from "node:assert/strict";
import { test } from "node:test";
import { settlementNettingFigures } from "./settlement-netting.js";

test("settlement-netting: a netting block's import in ms beside a plain block's, from the same run", async () => {
  const [f] = await settlementNettingFigures({ carriers: 20, pairs: 100, uncovered: 3, repeats: 1 });
  assert.deepEqual(
    [f.name, f.unit, f.referenceUnit, f.referenceName],
    ["settlement-netting", "ms", "ms", "plain block import"],
  );
  for (const v of [f.value, f.reference]) assert.ok(v > 0);
  assert.ok(Math.abs(f.ratio - f.value / f.reference) < 1e-9);
  assert.match(f.notes ?? "", /^20 carriers, 100 pairs, \d+ defaulters, \d+ rounds/);
});
