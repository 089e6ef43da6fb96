import assert from "node:assert/strict";
import { test } from "node:test";
import { PrefixFilter } from "./prefix-filter.js";

test("every prefix of an added number is held; few strings that are no prefix are", () => {
  const numbers = Array.from({ length: 20_000 }, (_, i) => `1212${String(i * 7919).padStart(7, "0")}`);
  const filter = new PrefixFilter(2 * numbers.length);
  for (const n of numbers) filter.add(n);
  const prefixes = new Set<string>();
  for (const n of numbers) for (let l = 0; l <= n.length; l++) prefixes.add(n.slice(0, l));
  for (const p of prefixes) assert.ok(filter.mayHold(p), p);
  let falsePositives = 0;
  for (let i = 0; i < 20_000; i++) {
    const other = `1313${String(i).padStart(7, "0")}`;
    if (filter.mayHold(other)) falsePositives++;
  }
  assert.ok(falsePositives < 100, `${falsePositives} false positives in 20,000`);
  assert.equal(new PrefixFilter(10).mayHold("1"), false, "an empty filter holds nothing");
});
