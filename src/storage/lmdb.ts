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

  constructor(path: string, opts: { mapSize?: number } = {}) {
    mkdirSync(path, { recursive: true });
    this.root = open({
      path,
      compression: false,
      mapSize: opts.mapSize ?? 64 * 1024 ** 3,
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

  async close(): Promise<void> {
    await this.root.close();
  }
}
