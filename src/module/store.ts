/**
 * Typed access to a module's own state, like Lodestar's repositories over the database: a
 * module declares each kind of entry once — its key and its codec — and reads and writes
 * typed values; event logs keep one key per event so a record stays small however long its
 * history grows. Keys are relative to the module's prefix (ctx.state, q.state()).
 *
 *   const numbers = entries(NumberRecord, (digits: string) => utf8(`n/${digits}`));
 *   numbers.get(ctx.state, "15551230000");  numbers.set(ctx.state, digits, record);
 *   const history = eventLog(HistoryEvent, "h/");   // h/<id>/<seq u32 BE>
 */
import { ContainerType, UintNumberType } from "@chainsafe/ssz";
import { concatBytes, equalBytes } from "../bytes.js";
import type { StateReader, StateView } from "../state/view.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

/** How a value is stored: an SSZ type, or any codec of the same shape. */
export interface Codec<T> {
  serialize(value: T): Uint8Array;
  deserialize(bytes: Uint8Array): T;
}

export interface Entries<Id, T> {
  key(id: Id): Uint8Array;
  get(state: StateReader, id: Id): T | undefined;
  set(state: StateView, id: Id, value: T): void;
  delete(state: StateView, id: Id): void;
}

/** One kind of entry: values of `codec` under `key(id)`. */
export function entries<Id, T>(codec: Codec<T>, key: (id: Id) => Uint8Array): Entries<Id, T> {
  return {
    key,
    get(state, id) {
      const v = state.get(key(id));
      return v && codec.deserialize(v);
    },
    set: (state, id, value) => state.set(key(id), codec.serialize(value)),
    delete: (state, id) => state.delete(key(id)),
  };
}

/** The value of an index key: presence only (the state stores no empty values). */
export const INDEX_PRESENT = Uint8Array.of(1);

/**
 * `base` with secondary index keys kept in step: `indexKeys(id, value)` are the keys (in the
 * module's own state, value INDEX_PRESENT) that list an entry, e.g. `o/<owner><id>`. Writing
 * an entry removes the keys of its old value that the new one no longer has; deleting it
 * removes them all. Being ordinary state writes, they follow the state root, the block's one
 * atomic write and undo/reorgs; a list is a scan of the index prefix (src/api/paging.ts).
 */
export function indexed<Id, T>(
  base: Entries<Id, T>,
  indexKeys: (id: Id, value: T) => Uint8Array[],
): Entries<Id, T> {
  const drop = (state: StateView, id: Id, keep: Uint8Array[]) => {
    const old = base.get(state, id);
    if (!old) return;
    for (const k of indexKeys(id, old)) if (!keep.some((n) => equalBytes(n, k))) state.delete(k);
  };
  return {
    key: base.key,
    get: base.get,
    set(state, id, value) {
      const keys = indexKeys(id, value);
      drop(state, id, keys);
      for (const k of keys) state.set(k, INDEX_PRESENT);
      base.set(state, id, value);
    },
    delete(state, id) {
      drop(state, id, []);
      base.delete(state, id);
    },
  };
}

/**
 * A secondary index under `tag`: `key(value, id)` = `<tag><value><id>`, where the value is an
 * address (its 32 bytes) or a text (then "/"); `prefix(value)` is what a list of it scans.
 */
export function indexOn(tag: string) {
  const prefix = (value: Uint8Array | string) =>
    concatBytes(utf8(tag), typeof value === "string" ? utf8(`${value}/`) : value);
  return { prefix, key: (value: Uint8Array | string, id: string) => concatBytes(prefix(value), utf8(id)) };
}

/** A counter or sequence number stored as 4 bytes, big-endian (so keys made of it sort). */
/** A whole number as 16 decimal digits: keys that sort in the order of the numbers. */
export const pad16 = (n: number): string => n.toString().padStart(16, "0");

export const U32BE: Codec<number> = {
  serialize: (n) => Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255),
  deserialize: (b) => new DataView(b.buffer, b.byteOffset, 4).getUint32(0),
};

export interface EventLog<T> {
  key(id: string, seq: number): Uint8Array;
  /** Writes event number `seq` of `id` (the caller keeps the count); returns seq + 1. */
  append(state: StateView, id: string, seq: number, event: T): number;
  /** The latest `limit` of the `count` events of `id`, oldest first, with their sequence numbers. */
  latest(state: StateReader, id: string, count: number, limit: number): { seq: number; event: T }[];
}

/**
 * The history of each id: event `seq` at `<prefix><id>/<seq u32 BE>`. Reading the latest
 * N is N point reads (a prefix scan walks upwards and would give the oldest first).
 */
export function eventLog<T>(codec: Codec<T>, prefix: string): EventLog<T> {
  const key = (id: string, seq: number) => concatBytes(utf8(`${prefix}${id}/`), U32BE.serialize(seq));
  return {
    key,
    append(state, id, seq, event) {
      state.set(key(id, seq), codec.serialize(event));
      return seq + 1;
    },
    latest(state, id, count, limit) {
      const out: { seq: number; event: T }[] = [];
      for (let seq = Math.max(0, count - limit); seq < count; seq++) {
        const v = state.get(key(id, seq));
        if (v) out.push({ seq, event: codec.deserialize(v) });
      }
      return out;
    },
  };
}

/** The value of a created-by-transaction key: which kind of thing (an index) and its id. */
const CreatedByTx = new ContainerType(
  { what: new UintNumberType(1), id: new UintNumberType(8) },
  { typeName: "CreatedByTx" },
);

/**
 * What a transaction created, by its hash: `<prefix><tx hash>` → the kind of thing (one of
 * `what`) and its id, so that a client which sent a create finds the id it got (a module's
 * `GET …/created/:tx`, which its CLI reads after inclusion). One small key per creating transaction.
 *
 *   const created = createdByTx(["agreement", "offer"]);
 *   created.record(ctx.state, ctx.txHash, "offer", id);  created.read(q.state(), tx) // { what: "offer", id }
 */
export function createdByTx<W extends string>(what: readonly W[], prefix = "n/x/") {
  const created = entries(CreatedByTx, (tx: Uint8Array) => concatBytes(utf8(prefix), tx));
  return {
    record: (state: StateView, tx: Uint8Array, kind: W, id: number) =>
      created.set(state, tx, { what: what.indexOf(kind), id }),
    read(state: StateReader, tx: Uint8Array): { what: W; id: number } | undefined {
      const c = created.get(state, tx);
      return c && { what: what[c.what] ?? what[0], id: c.id };
    },
  };
}
