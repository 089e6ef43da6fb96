/**
 * LMDB implementation of KvStore. All writes go through transactionSync (synchronous,
 * durable commit), never through lmdb's asynchronous batched puts: mixing the two was
 * seen to hang close(), and a block is declared imported only after its commit is on disk.
 */
import { mkdirSync } from "node:fs";
import { type Database, open, type RootDatabase } from "lmdb";
import { crashPoint } from "./crash.js";
import { BUCKETS, type Bucket, type KvStore, type WriteBatch } from "./interface.js";

type Db = Database<Uint8Array, Uint8Array>;

export class LmdbStore implements KvStore {
  private readonly root: RootDatabase;
  private readonly dbs: Record<Bucket, Db>;

  /**
   * `pageSize` applies only when the store is created (an existing one keeps the page size it
   * was made with; LMDB reads it from the file).
   */
  constructor(path: string, opts: { mapSize?: number; pageSize?: number } = {}) {
    mkdirSync(path, { recursive: true });
    this.root = open({
      path,
      compression: false,
      mapSize: opts.mapSize ?? 64 * 1024 ** 3,
      ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
      maxDbs: BUCKETS.length + 2,
      noMemInit: true,
    });
    const dbs = {} as Record<Bucket, Db>;
    for (const name of BUCKETS) {
      dbs[name] = this.root.openDB<Uint8Array, Uint8Array>({
        name,
        encoding: "binary",
        keyEncoding: "binary",
      });
    }
    this.dbs = dbs;
  }

  get(bucket: Bucket, key: Uint8Array): Uint8Array | undefined {
    // getBinary returns a fresh copy (unlike getBinaryFast, whose buffer lmdb reuses).
    return this.dbs[bucket].getBinary(key as Buffer);
  }

  *range(
    bucket: Bucket,
    start: Uint8Array,
    end: Uint8Array,
  ): Iterable<{ key: Uint8Array; value: Uint8Array }> {
    for (const { key, value } of this.dbs[bucket].getRange({ start: start as Buffer, end: end as Buffer })) {
      yield { key: new Uint8Array(key as Uint8Array), value: new Uint8Array(value as Uint8Array) };
    }
  }

  write(fn: (batch: WriteBatch) => void): void {
    const dbs = this.dbs;
    let ops = 0;
    const batch: WriteBatch = {
      put(bucket, key, value) {
        dbs[bucket].putSync(key as Buffer, value as Buffer);
        if (++ops % 64 === 0) crashPoint("storage write (mid-transaction)");
      },
      del(bucket, key) {
        dbs[bucket].removeSync(key as Buffer);
        if (++ops % 64 === 0) crashPoint("storage write (mid-transaction)");
      },
    };
    this.root.transactionSync(() => {
      fn(batch);
      crashPoint("storage write (before commit)");
    });
    crashPoint("storage write (after commit)");
  }

  /**
   * Writes a compacted copy of this store into a new, empty store at `path`: every bucket's
   * entries in key order, appended (MDB_APPEND), so its B-tree pages are full and it holds no
   * free pages. A store filled by random inserts (hash-keyed commitment leaves, bulk loads)
   * keeps pages about two-thirds full plus the pages its last transactions freed; the copy
   * holds the same entries, byte for byte, in about half the space. The source is read in one
   * snapshot; the copy is written in transactions of `chunk` entries.
   */
  async copyCompacted(
    path: string,
    opts: { pageSize?: number; chunk?: number; onProgress?: (entries: number) => void } = {},
  ): Promise<void> {
    const chunk = opts.chunk ?? 200_000;
    const dst = new LmdbStore(path, { pageSize: opts.pageSize });
    if (dst.dbs.meta.getKeysCount() > 0) {
      await dst.close();
      throw new Error(`copyCompacted: ${path} already holds a store`);
    }
    let copied = 0;
    try {
      for (const name of BUCKETS) {
        const entries = this.dbs[name].getRange({ snapshot: true })[Symbol.iterator]();
        let done = false;
        while (!done) {
          dst.root.transactionSync(() => {
            for (let n = 0; n < chunk; n++) {
              const next = entries.next();
              if (next.done) {
                done = true;
                return;
              }
              const { key, value } = next.value;
              dst.dbs[name].putSync(key as Buffer, value as Buffer, { append: true });
              copied++;
            }
          });
          opts.onProgress?.(copied);
        }
      }
    } finally {
      await dst.close();
    }
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}
