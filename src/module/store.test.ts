/**
 * The kit's `indexed` entries: whatever sequence of writes and deletes, the index keys are
 * exactly those of the entries that exist now (a fast-check property), and the stored value
 * is INDEX_PRESENT.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { concatBytes, toHex } from "../bytes.js";
import { Overlay } from "../state/overlay.js";
import { type Codec, createdByTx, entries, INDEX_PRESENT, indexed } from "./store.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

interface Entry {
  owner: string;
  carrier: string;
}
const EntryCodec: Codec<Entry> = {
  serialize: (e) => utf8(JSON.stringify(e)),
  deserialize: (b) => JSON.parse(text(b)) as Entry,
};
const things = indexed(
  entries(EntryCodec, (id: string) => utf8(`n/${id}`)),
  (id, e) => [utf8(`o/${e.owner}/${id}`), utf8(`w/${e.carrier}/${id}`)],
);

/** Every stored key under a prefix, as text (the overlay's own changes: its parent is empty). */
const keysUnder = (state: Overlay, prefix: string) =>
  [...state.changes.entries()]
    .filter(([k, v]) => v !== null && k.startsWith(prefix))
    .map(([k, v]) => {
      assert.equal(toHex(v ?? new Uint8Array()), toHex(INDEX_PRESENT));
      return k;
    })
    .sort();

const op = fc.oneof(
  fc.record({
    kind: fc.constant("set" as const),
    id: fc.constantFrom("1", "2", "3", "4"),
    owner: fc.constantFrom("alice", "bob"),
    carrier: fc.constantFrom("AAA", "BBB", "CCC"),
  }),
  fc.record({ kind: fc.constant("delete" as const), id: fc.constantFrom("1", "2", "3", "4") }),
);

test("property: the index keys are exactly those of the entries that exist", () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const state = new Overlay({ get: () => undefined });
      const model = new Map<string, Entry>();
      for (const o of ops) {
        if (o.kind === "set") {
          const e = { owner: o.owner, carrier: o.carrier };
          things.set(state, o.id, e);
          model.set(o.id, e);
        } else {
          things.delete(state, o.id);
          model.delete(o.id);
        }
      }
      const expect = (f: (id: string, e: Entry) => string) => [...model].map(([id, e]) => f(id, e)).sort();
      assert.deepEqual(
        keysUnder(state, "o/"),
        expect((id, e) => `o/${e.owner}/${id}`),
      );
      assert.deepEqual(
        keysUnder(state, "w/"),
        expect((id, e) => `w/${e.carrier}/${id}`),
      );
      for (const [id, e] of model) assert.deepEqual(things.get(state, id), e);
    }),
    { numRuns: 300 },
  );
});

test("an unchanged index key is not deleted when the entry is rewritten", () => {
  const state = new Overlay({ get: () => undefined });
  things.set(state, "1", { owner: "alice", carrier: "AAA" });
  things.set(state, "1", { owner: "alice", carrier: "BBB" });
  assert.deepEqual(keysUnder(state, "o/"), ["o/alice/1"]);
  assert.deepEqual(keysUnder(state, "w/"), ["w/BBB/1"]);
  assert.equal(state.get(concatBytes(utf8("w/AAA/"), utf8("1"))), undefined);
});

test("createdByTx: what a transaction created, read back by its hash; one 9-byte value under the prefix", () => {
  const state = new Overlay({ get: () => undefined });
  const created = createdByTx(["agreement", "offer"]);
  const tx = new Uint8Array(32).fill(7);
  created.record(state, tx, "offer", 42);
  assert.deepEqual(created.read(state, tx), { what: "offer", id: 42 });
  assert.equal(created.read(state, new Uint8Array(32)), undefined);
  const value = state.get(concatBytes(utf8("n/x/"), tx));
  assert.deepEqual([...(value ?? [])], [1, 42, 0, 0, 0, 0, 0, 0, 0], "kind index, then the id as uint64 LE");
});
