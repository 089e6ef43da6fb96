/**
 * Proof-of-work search on worker threads. Workers are spawned once and reused; only one search runs
 * at a time (starting one cancels the previous). Workers are unref'ed while idle so an idle miner
 * never keeps the process alive, and ref'ed during a search so an awaited search does.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { HEADER_BYTES, HEADER_NONCE_OFFSET } from "../codec/schema.js";
import { TelchainError } from "../errors.js";
import type { PowJob, PowWorkerData, PowWorkerMessage } from "./pow-worker.js";

export interface PowResult {
  nonce: bigint;
  /** Hashes computed by all workers for this search (as reported so far). */
  hashes: number;
}

interface ActiveSearch {
  jobId: number;
  hashes: number;
  running: number;
  resolve: (r: PowResult | null) => void;
  reject: (e: Error) => void;
}

/** Hash-rate window in milliseconds. */
const RATE_WINDOW_MS = 5_000;
const NO_JOB = 0;

export class PowSearch {
  readonly threads: number;
  private readonly control = new Int32Array(new SharedArrayBuffer(4));
  private readonly workers: Worker[] = [];
  private active: ActiveSearch | undefined;
  private lastJobId = NO_JOB;
  private closed = false;
  private totalHashes = 0;
  private samples: { at: number; total: number }[] = [];

  constructor(threads = 1) {
    if (!Number.isInteger(threads) || threads < 1 || threads > Math.max(64, availableParallelism() * 4)) {
      throw new TelchainError("MINER_BAD_THREADS", `threads must be a positive integer, got ${threads}`);
    }
    this.threads = threads;
    for (let i = 0; i < threads; i++) this.workers.push(this.spawn(i));
  }

  /** Finds a nonce whose sha256d(header) <= target, or resolves null if cancelled (or 2^64 nonces fail). */
  search(headerBytes: Uint8Array, target: bigint): Promise<PowResult | null> {
    if (this.closed) return Promise.reject(new TelchainError("MINER_CLOSED", "the PoW search was closed"));
    if (headerBytes.length !== HEADER_BYTES) {
      return Promise.reject(
        new TelchainError(
          "MINER_BAD_HEADER",
          `header must be ${HEADER_BYTES} bytes, got ${headerBytes.length}`,
        ),
      );
    }
    if (target < 0n || target >= 1n << 256n) {
      return Promise.reject(new TelchainError("MINER_BAD_TARGET", "target must be in [0, 2^256)"));
    }
    this.cancel();
    const jobId = this.nextJobId();
    Atomics.store(this.control, 0, jobId);
    const promise = new Promise<PowResult | null>((resolve, reject) => {
      this.active = { jobId, hashes: 0, running: this.threads, resolve, reject };
    });
    this.recordHashes(0);
    const targetHex = target.toString(16);
    for (const [i, worker] of this.workers.entries()) {
      worker.ref();
      const job: PowJob = {
        jobId,
        header: headerBytes,
        nonceOffset: HEADER_NONCE_OFFSET,
        targetHex,
        start: String(i),
        stride: this.threads,
      };
      worker.postMessage(job);
    }
    return promise;
  }

  /** Stops the running search (its promise resolves null). Workers stop within one batch. */
  cancel(): void {
    this.finish(null);
  }

  /** Hashes per second over the last few seconds, across all workers. */
  hashRate(): number {
    const now = performance.now();
    const first = this.samples.find((s) => s.at >= now - RATE_WINDOW_MS);
    if (!first || now <= first.at) return 0;
    return ((this.totalHashes - first.total) * 1000) / (now - first.at);
  }

  /** Cancels any search and terminates the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.cancel();
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private nextJobId(): number {
    this.lastJobId = this.lastJobId >= 0x7fffffff ? 1 : this.lastJobId + 1;
    return this.lastJobId;
  }

  private spawn(index: number): Worker {
    const data: PowWorkerData = { control: this.control.buffer as SharedArrayBuffer };
    const worker = new Worker(new URL("./pow-worker.js", import.meta.url), { workerData: data });
    worker.unref();
    worker.on("message", (m: PowWorkerMessage) => this.onMessage(m));
    worker.on("error", (err) => this.onWorkerFailure(index, err));
    worker.on("exit", (code) => {
      if (!this.closed && this.workers[index] === worker) {
        this.onWorkerFailure(index, new Error(`PoW worker exited with code ${code}`));
      }
    });
    return worker;
  }

  private onWorkerFailure(index: number, err: Error): void {
    if (this.closed) return;
    this.settle((a) =>
      a.reject(new TelchainError("MINER_WORKER_FAILED", `PoW worker failed: ${err.message}`)),
    );
    // Replace the worker so later searches keep the full thread count.
    const old = this.workers[index];
    this.workers[index] = this.spawn(index);
    void old.terminate();
  }

  private onMessage(m: PowWorkerMessage): void {
    this.recordHashes(m.hashes); // stale jobs' hashes were still done: they count toward the rate
    const a = this.active;
    if (!a || m.jobId !== a.jobId) return;
    a.hashes += m.hashes;
    if (m.type === "found") {
      this.finish({ nonce: BigInt(m.nonce), hashes: a.hashes });
    } else if (m.type === "stopped" && --a.running === 0) {
      this.finish(null); // every worker exhausted its share of the nonce space
    }
  }

  private finish(result: PowResult | null): void {
    this.settle((a) => a.resolve(result));
  }

  /** Ends the active search: stops every worker at its next check, lets the process exit, settles. */
  private settle(outcome: (a: ActiveSearch) => void): void {
    const a = this.active;
    if (!a) return;
    this.active = undefined;
    Atomics.store(this.control, 0, NO_JOB);
    for (const w of this.workers) w.unref();
    outcome(a);
  }

  private recordHashes(n: number): void {
    const now = performance.now();
    this.totalHashes += n;
    this.samples.push({ at: now, total: this.totalHashes });
    while (this.samples.length > 1 && this.samples[0].at < now - RATE_WINDOW_MS) this.samples.shift();
  }
}
