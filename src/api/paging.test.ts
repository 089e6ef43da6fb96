/**
 * The paging kit over a stand-in query context (a sorted key list): pages continue exactly
 * after each other, the last one has next null, and cursors that no page gave are BAD_CURSOR.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { compareBytes, concatBytes, toHex } from "../bytes.js";
import { isTelchainError } from "../errors.js";
import type { QueryContext } from "../module/interface.js";
import { decodeCursor, MAX_PAGE, oneFilter, type Page, readPage } from "./paging.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A query context whose state is `keys` (values 0x01), scanned like the state database. */
function stateOf(keys: Uint8Array[]): QueryContext {
  const sorted = [...keys].sort(compareBytes);
  const starts = (k: Uint8Array, p: Uint8Array) =>
    k.length >= p.length && compareBytes(k.subarray(0, p.length), p) === 0;
  return {
    scan(prefix, limit, after) {
      return sorted
        .filter((k) => starts(k, prefix) && (!after || compareBytes(k, after) > 0))
        .slice(0, limit)
        .map((key) => ({ key, value: Uint8Array.of(1) }));
    },
  } as QueryContext;
}

const rest = (r: Uint8Array) => new TextDecoder().decode(r);

/** Every item of the list under `prefix`, page after page of `limit`. */
function allPages(
  q: QueryContext,
  prefix: Uint8Array,
  limit: number,
): { pages: Page<string>[]; items: string[] } {
  const pages: Page<string>[] = [];
  let cursor: string | undefined;
  do {
    const page = readPage(q, prefix, { limit, cursor }, rest);
    pages.push(page);
    cursor = page.next ?? undefined;
  } while (cursor !== undefined && pages.length < 10_000);
  return { pages, items: pages.flatMap((p) => p.items) };
}

test("pages continue exactly after each other and the last one ends with next null", () => {
  const prefix = utf8("o/");
  const q = stateOf([..."abcdefg"].map((c) => utf8(`o/${c}`)).concat([utf8("n/x"), utf8("p"), utf8("o")]));
  const first = readPage(q, prefix, { limit: 3 }, rest);
  assert.deepEqual(first, { items: ["a", "b", "c"], next: toHex(utf8("c")) });
  const second = readPage(q, prefix, { limit: 3, cursor: first.next ?? "" }, rest);
  assert.deepEqual(second, { items: ["d", "e", "f"], next: toHex(utf8("f")) });
  const last = readPage(q, prefix, { limit: 3, cursor: second.next ?? "" }, rest);
  assert.deepEqual(last, { items: ["g"], next: null });
  // a page that ends exactly at the end of the list says so (no empty page after it)
  assert.deepEqual(readPage(q, prefix, { limit: 7 }, rest).next, null);
  assert.deepEqual(readPage(q, prefix, {}, rest).items.length, 7, "default limit");
  assert.deepEqual(readPage(q, utf8("z/"), {}, rest), { items: [], next: null });
});

test("a cursor no page gave is BAD_CURSOR; a cursor past the end gives an empty last page", () => {
  const q = stateOf([utf8("o/a")]);
  for (const bad of ["", "abc", "zz", "0xab", "AB", "a".repeat(258)]) {
    assert.throws(
      () => readPage(q, utf8("o/"), { cursor: bad }, rest),
      (e) => isTelchainError(e) && e.code === "BAD_CURSOR",
      JSON.stringify(bad),
    );
  }
  assert.deepEqual(readPage(q, utf8("o/"), { cursor: "ff" }, rest), { items: [], next: null });
  assert.deepEqual(decodeCursor("6162"), utf8("ab"));
});

test("oneFilter wants exactly one of the filters (BAD_REQUEST otherwise)", () => {
  assert.equal(oneFilter({ holder: "x" }, ["holder", "carrier"]), "holder");
  for (const q of [{}, { holder: "x", carrier: "y" }]) {
    assert.throws(
      () => oneFilter(q, ["holder", "carrier"]),
      (e) =>
        isTelchainError(e) &&
        e.code === "BAD_REQUEST" &&
        /exactly one of \?holder=, \?carrier=/.test(e.message),
    );
  }
});

test("property: for any set of keys and any page size, the pages list every key once, in order", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.uint8Array({ minLength: 1, maxLength: 6 }), { maxLength: 40, selector: toHex }),
      fc.integer({ min: 1, max: MAX_PAGE }),
      (suffixes, limit) => {
        const prefix = utf8("o/");
        const keys = suffixes.map((s) => concatBytes(prefix, s));
        const q = stateOf([...keys, utf8("p/x"), utf8("o")]);
        const { pages, items } = allPages(q, prefix, limit);
        const hex = (r: Uint8Array) => toHex(r);
        const got = pages.flatMap((_page, i) => {
          const cursor = i === 0 ? undefined : (pages[i - 1]?.next ?? undefined);
          return readPage(q, prefix, { limit, cursor }, hex).items;
        });
        assert.deepEqual(got, suffixes.map(hex).sort(), "every key once, in key order");
        assert.equal(items.length, suffixes.length);
        assert.equal(pages.at(-1)?.next, null);
        assert.ok(pages.every((p, i) => p.items.length === limit || i === pages.length - 1));
      },
    ),
    { numRuns: 200 },
  );
});
