import assert from "node:assert/strict";
import { test } from "node:test";
import { percentile, reachTime } from "./propagation.js";

test("reachTime: 95% of 10 or 2 nodes is every node, the miner counting at 0 ms", () => {
  assert.equal(reachTime([5, 1, 9, 3, 2, 8, 7, 4, 6], 10), 9);
  assert.equal(reachTime([12], 2), 12);
  // 95% of 40 nodes is 38 of them: the miner and the 37 fastest of the 39 others.
  const delays = Array.from({ length: 39 }, (_, i) => i + 1);
  assert.equal(reachTime(delays, 40), 37);
  assert.throws(() => reachTime([1, 2], 10), /2 delays for 10 nodes/);
});

test("percentile is the nearest rank", () => {
  const v = Array.from({ length: 50 }, (_, i) => 50 - i); // 50..1
  assert.equal(percentile(v, 50), 25);
  assert.equal(percentile(v, 95), 48);
  assert.equal(percentile([7], 95), 7);
  assert.throws(() => percentile([], 50), /no values/);
});
