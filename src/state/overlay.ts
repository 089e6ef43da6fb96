/**
 * Copy-on-write layers of state changes. A block executes in an Overlay over the stored
 * state; each transaction in a child Overlay that is merged only if the transaction
 * succeeds. Nothing reaches the store until the whole block (or reorg) commits.
 */
import type { StateReader, StateView } from "./view.js";

/** Keys are kept as latin1 strings: a 1:1 byte mapping that is cheap to build and compare. */
export const keyString = (key: Uint8Array): string =>
  Buffer.from(key.buffer, key.byteOffset, key.length).toString("latin1");
export const keyBytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "latin1"));

export class Overlay implements StateView {
  /** key (latin1) -> new value, or null for a deletion. */
  readonly changes = new Map<string, Uint8Array | null>();
  /**
   * With `cacheReads`: the parent's value of every key read through this layer (null = absent),
   * so a key read again (a sender's account, its authorisation record) costs no second lookup
   * below. Only for a parent that does not change while this layer lives (a block's execution).
   */
  private readonly reads: Map<string, Uint8Array | null> | undefined;

  constructor(
    private readonly parent: StateReader,
    opts: { cacheReads?: boolean } = {},
  ) {
    this.reads = opts.cacheReads ? new Map() : undefined;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.getKeyed(keyString(key), key);
  }

  /** get(), with the key's latin1 string made once for every layer it falls through. */
  getKeyed(k: string, key: Uint8Array): Uint8Array | undefined {
    const v = this.changes.get(k);
    if (v !== undefined) return v === null ? undefined : v;
    return this.parentGet(k, key);
  }

  /** The value `key` had below this layer (what the layer started from). */
  parentValue(key: Uint8Array): Uint8Array | undefined {
    return this.parentGet(keyString(key), key);
  }

  private parentGet(k: string, key: Uint8Array): Uint8Array | undefined {
    const reads = this.reads;
    if (reads !== undefined) {
      const r = reads.get(k);
      if (r !== undefined) return r === null ? undefined : r;
    }
    const p = this.parent;
    const v = p instanceof Overlay ? p.getKeyed(k, key) : p.get(key);
    if (reads !== undefined) reads.set(k, v ?? null);
    return v;
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.changes.set(keyString(key), value);
  }

  delete(key: Uint8Array): void {
    this.changes.set(keyString(key), null);
  }

  child(): Overlay {
    return new Overlay(this);
  }

  /** Writes this layer's changes into `target` (normally the parent overlay). */
  mergeInto(target: Overlay): void {
    for (const [k, v] of this.changes) target.changes.set(k, v);
  }
}

/** A view of `inner` in which every key is prefixed (a module sees only its own keys). */
export function prefixedView(inner: StateView, prefix: Uint8Array): StateView {
  const full = (key: Uint8Array) => {
    const k = new Uint8Array(prefix.length + key.length);
    k.set(prefix);
    k.set(key, prefix.length);
    return k;
  };
  return {
    get: (key) => inner.get(full(key)),
    set: (key, value) => inner.set(full(key), value),
    delete: (key) => inner.delete(full(key)),
  };
}

export function prefixedReader(inner: StateReader, prefix: Uint8Array): StateReader {
  return { get: (key) => inner.get(concat(prefix, key)) };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const k = new Uint8Array(a.length + b.length);
  k.set(a);
  k.set(b, a.length);
  return k;
}
