/** Prefix scans over a bucket: the state's module queries and the node-local indexes use them. */
import { concatBytes } from "../bytes.js";
import type { Bucket, KvStore } from "./interface.js";

/** The smallest key greater than every key starting with `prefix`. */
export function prefixEnd(prefix: Uint8Array): Uint8Array {
  const end = prefix.slice();
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return new Uint8Array(prefix.length + 1).fill(0xff);
}

/**
 * Up to `limit` entries of `bucket` whose keys start with `prefix`, in key order, only those
 * after the key `after` when given (a page's cursor); returned keys have their first `strip`
 * bytes removed.
 */
export function scanPrefix(
  kv: KvStore,
  bucket: Bucket,
  prefix: Uint8Array,
  limit: number,
  strip = 0,
  after?: Uint8Array,
): { key: Uint8Array; value: Uint8Array }[] {
  const out: { key: Uint8Array; value: Uint8Array }[] = [];
  if (limit <= 0) return out;
  // Resuming after a key: the smallest key greater than it is key || 0x00.
  const start = after ? concatBytes(after, Uint8Array.of(0)) : prefix;
  for (const e of kv.range(bucket, start, prefixEnd(prefix))) {
    out.push({ key: e.key.subarray(strip), value: e.value });
    if (out.length >= limit) break;
  }
  return out;
}
