import assert from "node:assert/strict";
import { test } from "node:test";
import { Overlay } from "./overlay.js";

const k = (s: string) => new TextEncoder().encode(s);

/** A reader over a map that counts its lookups. */
function countingReader(entries: Record<string, string>) {
  const reader = {
    gets: 0,
    get(key: Uint8Array): Uint8Array | undefined {
      reader.gets++;
      const v = entries[new TextDecoder().decode(key)];
      return v === undefined ? undefined : k(v);
    },
  };
  return reader;
}

test("an overlay with cacheReads reads each key from its parent once, present or absent", () => {
  const base = countingReader({ a: "1" });
  const layer = new Overlay(base, { cacheReads: true });
  const scratch = layer.child();
  assert.deepEqual(scratch.get(k("a")), k("1"));
  assert.deepEqual(layer.get(k("a")), k("1"));
  assert.equal(scratch.get(k("b")), undefined);
  assert.equal(layer.get(k("b")), undefined);
  assert.equal(base.gets, 2, "one lookup per key");
  // Writes shadow the cached reads; deletions read as absent; the parent's value stays known.
  scratch.set(k("a"), k("2"));
  scratch.delete(k("b"));
  scratch.mergeInto(layer);
  assert.deepEqual(layer.get(k("a")), k("2"));
  assert.equal(layer.get(k("b")), undefined);
  assert.deepEqual(layer.parentValue(k("a")), k("1"));
  assert.equal(layer.parentValue(k("b")), undefined);
  assert.equal(base.gets, 2);
});

test("an overlay without cacheReads reads through every time", () => {
  const base = countingReader({ a: "1" });
  const layer = new Overlay(base);
  layer.get(k("a"));
  layer.child().get(k("a"));
  assert.equal(base.gets, 2);
});
