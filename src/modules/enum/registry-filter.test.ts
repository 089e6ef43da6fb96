/**
 * The registered numbers' prefix filter built a page per turn (registry-filter.ts), against a
 * scan of digit keys in key order; the turns are run by hand, so the tests see each one.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { RegistryFilter } from "./registry-filter.js";
import { NUMBER_PREFIX } from "./store.js";

const bytes = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
const keyOf = (digits: string) => new Uint8Array([...NUMBER_PREFIX, ...bytes(digits)]);

/** A state of numbers (a sorted map of keys) with the scan the filter reads, and its page sizes. */
function registry(numbers: string[]) {
  const keys = numbers.map(keyOf);
  const compare = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b);
  const pages: number[] = [];
  return {
    pages,
    register(digits: string) {
      keys.push(keyOf(digits));
    },
    scan(prefix: Uint8Array, limit: number, after?: Uint8Array) {
      assert.deepEqual(prefix, NUMBER_PREFIX);
      const page = [...keys]
        .sort(compare)
        .filter((k) => after === undefined || compare(k, after) > 0)
        .slice(0, limit)
        .map((key) => ({ key, value: new Uint8Array() }));
      pages.push(page.length);
      return page;
    },
  };
}

function turns() {
  const queue: (() => void)[] = [];
  return {
    schedule: (step: () => void) => queue.push(step),
    /** Runs one turn (the next scheduled step); false when none is left. */
    one(): boolean {
      const step = queue.shift();
      step?.();
      return step !== undefined;
    },
    all(): number {
      let n = 0;
      while (this.one()) n++;
      return n;
    },
  };
}

const NUMBERS = Array.from({ length: 25 }, (_, i) => `4930${String(i * 37).padStart(6, "0")}`);

test("built a page per turn, in two passes; until then anything may exist", () => {
  const state = registry(NUMBERS);
  const loop = turns();
  const filter = new RegistryFilter(state, loop.schedule, 10);
  assert.equal(state.pages.length, 0, "nothing is read before the first question");
  assert.equal(filter.mayHold("1"), true, "not built: the caller must read the state");
  assert.equal(filter.ready, false);
  assert.equal(loop.all(), 6, "3 pages to count, 3 to add");
  assert.deepEqual(state.pages, [10, 10, 5, 10, 10, 5], "at most one page per turn");
  assert.ok(filter.ready);
  for (const n of NUMBERS)
    for (let l = 0; l <= n.length; l++) assert.ok(filter.mayHold(n.slice(0, l)), n.slice(0, l));
  assert.equal(filter.mayHold("1"), false, "no number starts with 1");
  assert.equal(filter.mayHold("493099"), false);
  assert.equal(state.pages.length, 6, "a built filter answers without reading");
});

test("numbers registered during the build, even behind the scan, are held once it completes", () => {
  const state = registry(NUMBERS);
  const loop = turns();
  const filter = new RegistryFilter(state, loop.schedule, 10);
  filter.mayHold("4930");
  loop.one(); // counted the first page
  loop.one();
  loop.one(); // counted all
  loop.one(); // added the first page: a number before it now arrives in a block
  state.register("4930000001");
  filter.add("4930000001");
  assert.equal(filter.mayHold("4930000001"), true, "still building");
  loop.all();
  assert.equal(filter.mayHold("4930000001"), true);
  filter.add("4931"); // built: added at once
  assert.equal(filter.mayHold("4931"), true);
});

test("a reset drops the filter and stops a build in progress; the next question starts another", () => {
  const state = registry(NUMBERS);
  const loop = turns();
  const filter = new RegistryFilter(state, loop.schedule, 10);
  filter.mayHold("4930");
  loop.one();
  filter.reset();
  assert.equal(loop.all(), 1, "the old build's pending turn ends without reading");
  assert.equal(state.pages.length, 1);
  assert.equal(filter.ready, false);
  assert.equal(filter.mayHold("1"), true);
  assert.equal(loop.all(), 6);
  assert.equal(filter.mayHold("1"), false);
  filter.reset();
  assert.equal(filter.ready, false);
  assert.equal(filter.mayHold("1"), true, "reset after a build: anything may exist again");
});

test("an empty registry builds an empty filter", () => {
  const loop = turns();
  const filter = new RegistryFilter(registry([]), loop.schedule, 10);
  filter.mayHold("");
  assert.equal(loop.all(), 2);
  assert.equal(filter.mayHold("4"), false);
});

test("a scan that throws abandons the build without throwing; the next question starts another", () => {
  const state = registry(NUMBERS);
  let failing = true;
  const flaky = {
    scan: (prefix: Uint8Array, limit: number, after?: Uint8Array) => {
      if (failing) throw new Error("Can not renew a transaction from a closed database");
      return state.scan(prefix, limit, after);
    },
  };
  const loop = turns();
  const filter = new RegistryFilter(flaky, loop.schedule, 10);
  filter.mayHold("4930");
  assert.doesNotThrow(() => loop.all());
  assert.equal(filter.ready, false);
  failing = false;
  assert.equal(filter.mayHold("1"), true);
  assert.equal(loop.all(), 6);
  assert.equal(filter.mayHold("1"), false);
});

test("stop ends a build in progress and starts no other", () => {
  const state = registry(NUMBERS);
  const loop = turns();
  const filter = new RegistryFilter(state, loop.schedule, 10);
  filter.mayHold("4930");
  loop.one();
  filter.stop();
  assert.equal(filter.mayHold("1"), true);
  assert.equal(loop.all(), 1, "only the stopped build's pending turn, which reads nothing");
  assert.equal(state.pages.length, 1);
  assert.equal(filter.ready, false);
});
