/**
 * Worker thread for the proof-of-work search. Receives jobs over its message port and grinds
 * nonces synchronously; between batches it polls a shared Int32 "current job" slot, so a cancel
 * (or a newer job) stops it within one batch without waiting for message delivery.
 */
import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";

/** Hashes between cancellation checks and progress reports. */
export const BATCH = 20_000;

export interface PowWorkerData {
  /** Int32 slot 0 holds the id of the job that may run; any other value means stop. */
  control: SharedArrayBuffer;
}

export interface PowJob {
  jobId: number;
  header: Uint8Array;
  nonceOffset: number;
  /** Target as a hex string (bigint does not need to cross the thread boundary). */
  targetHex: string;
  /** First nonce, decimal string of a uint64. */
  start: string;
  stride: number;
}

export type PowWorkerMessage =
  | { type: "progress"; jobId: number; hashes: number }
  | { type: "found"; jobId: number; hashes: number; nonce: string }
  /** The job ended without a result: cancelled or nonce space exhausted. */
  | { type: "stopped"; jobId: number; hashes: number };

const TWO_32 = 2 ** 32;

function runJob(job: PowJob, control: Int32Array, post: (m: PowWorkerMessage) => void): void {
  const { jobId, nonceOffset, stride } = job;
  const header = Buffer.from(job.header); // private copy; the nonce is rewritten in place
  const target = Buffer.from(job.targetHex.padStart(64, "0"), "hex");
  const start = BigInt(job.start);
  // The uint64 nonce as two uint32 halves: cheaper than bigint arithmetic per hash.
  let lo = Number(start & 0xffffffffn);
  let hi = Number(start >> 32n);
  let hashes = 0;
  while (Atomics.load(control, 0) === jobId) {
    for (let i = 0; i < BATCH; i++) {
      header.writeUInt32LE(lo, nonceOffset);
      header.writeUInt32LE(hi, nonceOffset + 4);
      const first = createHash("sha256").update(header).digest();
      const hash = createHash("sha256").update(first).digest();
      hashes++;
      if (hash.compare(target) <= 0) {
        const nonce = (BigInt(hi) << 32n) | BigInt(lo);
        post({ type: "found", jobId, hashes, nonce: nonce.toString() });
        return;
      }
      lo += stride;
      if (lo >= TWO_32) {
        lo -= TWO_32;
        hi++;
        if (hi >= TWO_32) {
          post({ type: "stopped", jobId, hashes });
          return;
        }
      }
    }
    post({ type: "progress", jobId, hashes });
    hashes = 0;
  }
  post({ type: "stopped", jobId, hashes });
}

if (parentPort) {
  const port = parentPort;
  const control = new Int32Array((workerData as PowWorkerData).control);
  port.on("message", (job: PowJob) => runJob(job, control, (m) => port.postMessage(m)));
}
