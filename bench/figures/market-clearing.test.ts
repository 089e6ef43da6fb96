import assert from "node:assert/strict";
import { test } from "node:test";
import { marketClearingFigures } from "./market-clearing.js";

test("market-clearing: one block's clearing in ms beside the rest of the same block's import", async () => {
  const [f] = await marketClearingFigures({ resting: 400, incoming: 40, repeats: 1 });
  assert.deepEqual(
    [f.name, f.unit, f.referenceUnit, f.referenceName],
    ["market-clearing", "ms", "ms", "the block's order transactions"],
  );
  for (const v of [f.value, f.reference]) assert.ok(v > 0);
  assert.ok(Math.abs(f.ratio - f.value / f.reference) < 1e-9);
  assert.match(
    f.notes ?? "",
    /^400 resting \+ 40 new orders: \d+ filled at \d+, volume \d+, \d+ left; median of 1/,
  );
});
