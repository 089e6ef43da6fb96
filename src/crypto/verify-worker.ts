/** Worker thread of VerifyPool: verifies packed batches and returns one byte per item. */
import { parentPort } from "node:worker_threads";
import { verifyPacked } from "./verify-batch.js";

export interface VerifyRequest {
  id: number;
  buffer: ArrayBuffer;
}
export interface VerifyResponse {
  id: number;
  results: ArrayBuffer;
}

const port = parentPort;
if (!port) throw new Error("verify-worker must run as a worker thread");

port.on("message", ({ id, buffer }: VerifyRequest) => {
  const results = verifyPacked(buffer).buffer as ArrayBuffer;
  port.postMessage({ id, results } satisfies VerifyResponse, [results]);
});
