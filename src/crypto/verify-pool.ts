/**
 * Signature checks spread over worker threads. Every worker applies the same `verify()` (strict
 * rule + libsodium) as the calling thread would. Workers start on first use, hold the process open
 * only while they have work, and are ended by close().
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { verify } from "./ed25519.js";
import { packBatch, prefixedMessage, type VerifyItem } from "./verify-batch.js";
import type { VerifyRequest, VerifyResponse } from "./verify-worker.js";

export type { VerifyItem } from "./verify-batch.js";

/** Below this many items a batch is verified inline: posting to a worker costs more than ~16 checks. */
export const INLINE_BELOW = 16;

interface Pending {
  resolve(results: Uint8Array): void;
  reject(err: Error): void;
  items: number;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Items queued on this worker, used to pick the least loaded one. */
  load: number;
}

export class VerifyPool {
  readonly threads: number;
  private readonly workers: PoolWorker[] = [];
  private nextId = 1;
  private closed = false;

  constructor(threads = availableParallelism()) {
    this.threads = Math.max(1, Math.floor(threads));
  }

  /**
   * Verifies every item; result[i] answers item i. With `prefix`, item i's message is
   * SHA-256(prefix || msg), hashed where it is verified (verify-batch.ts).
   */
  async verifyBatch(items: readonly VerifyItem[], prefix?: Uint8Array): Promise<boolean[]> {
    if (this.closed) throw new Error("VerifyPool is closed");
    if (items.length < INLINE_BELOW)
      return items.map((it) => verify(it.pub, prefix ? prefixedMessage(prefix, it.msg) : it.msg, it.sig));

    const chunks = Math.min(this.threads, Math.ceil(items.length / INLINE_BELOW));
    const per = Math.ceil(items.length / chunks);
    const parts: Promise<Uint8Array>[] = [];
    for (let start = 0; start < items.length; start += per) {
      parts.push(this.run(items.slice(start, start + per), prefix));
    }
    const out: boolean[] = [];
    for (const results of await Promise.all(parts)) for (const r of results) out.push(r === 1);
    return out;
  }

  /** Terminates the workers; pending batches are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers.splice(0);
    await Promise.all(
      workers.map(async (w) => {
        this.fail(w, new Error("VerifyPool closed"));
        await w.worker.terminate();
      }),
    );
  }

  private run(chunk: VerifyItem[], prefix: Uint8Array | undefined): Promise<Uint8Array> {
    const w = this.pickWorker();
    const id = this.nextId++;
    const buffer = packBatch(chunk, prefix);
    return new Promise<Uint8Array>((resolve, reject) => {
      if (w.pending.size === 0) w.worker.ref(); // keep the process alive while work is outstanding
      w.pending.set(id, { resolve, reject, items: chunk.length });
      w.load += chunk.length;
      w.worker.postMessage({ id, buffer } satisfies VerifyRequest, [buffer]);
    });
  }

  /** An idle worker, else a new one while below `threads`, else the least loaded. */
  private pickWorker(): PoolWorker {
    let best: PoolWorker | undefined;
    for (const w of this.workers) if (best === undefined || w.load < best.load) best = w;
    if (best !== undefined && (best.load === 0 || this.workers.length >= this.threads)) return best;
    return this.spawn();
  }

  private spawn(): PoolWorker {
    const worker = new Worker(new URL("./verify-worker.js", import.meta.url));
    worker.unref(); // an idle (or forgotten, un-closed) pool must not block process exit
    const w: PoolWorker = { worker, pending: new Map(), load: 0 };
    worker.on("message", ({ id, results }: VerifyResponse) => {
      const p = w.pending.get(id);
      if (!p) return;
      w.pending.delete(id);
      w.load -= p.items;
      if (w.pending.size === 0) worker.unref();
      p.resolve(new Uint8Array(results));
    });
    const onDeath = (err: Error) => {
      const i = this.workers.indexOf(w);
      if (i >= 0) this.workers.splice(i, 1); // replaced by a fresh worker on the next batch
      this.fail(w, err);
    };
    worker.on("error", onDeath);
    worker.on("exit", (code) => onDeath(new Error(`verify worker exited with code ${code}`)));
    this.workers.push(w);
    return w;
  }

  private fail(w: PoolWorker, err: Error): void {
    for (const p of w.pending.values()) p.reject(err);
    w.pending.clear();
    w.load = 0;
  }
}
