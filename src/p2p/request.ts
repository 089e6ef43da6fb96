/**
 * Client side of the request/response protocols: open a stream, send one length-prefixed
 * request, read a bounded number of bounded frames back. Every step runs under one timeout.
 * A response frame over its limit (or with a malformed length prefix, or flooding the read
 * buffer) fails the request with OversizeFrameError, which the caller penalises.
 */
import type { PeerId, Stream } from "@libp2p/interface";
import { TelchainError } from "../errors.js";
import { classifyFrameError, frameStream } from "./frames.js";
import type { Host } from "./host.js";

export const REQUEST_TIMEOUT_MS = 10_000;

export interface FrameLimits {
  /** Largest frame accepted (longer ones abort the stream). */
  maxFrameBytes: number;
  /** Frames to read at most; the peer may close earlier. */
  maxFrames: number;
  timeoutMs?: number;
  /** Aborts the request early (e.g. when the network stops). */
  signal?: AbortSignal;
}

/** The request timed out: the peer is slow or stalling. */
export class RequestTimeoutError extends TelchainError {
  constructor(protocol: string, peer: string) {
    super("P2P_TIMEOUT", `${protocol} request to ${peer} timed out`);
  }
}

/** Sends `payload` and returns up to `maxFrames` response frames (fewer if the peer closes early). */
export async function requestFrames(
  host: Host,
  peer: PeerId,
  protocol: string,
  payload: Uint8Array,
  limits: FrameLimits,
): Promise<Uint8Array[]> {
  const timeout = AbortSignal.timeout(limits.timeoutMs ?? REQUEST_TIMEOUT_MS);
  const signal = limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout;
  let stream: Stream | undefined;
  try {
    stream = await host.dialProtocol(peer, protocol, { signal });
    // Room for one whole frame plus what arrives while it is processed.
    const lp = frameStream(stream, limits.maxFrameBytes, 2 * limits.maxFrameBytes + 64 * 1024);
    await lp.write(payload, { signal });
    await stream.close({ signal });
    const frames: Uint8Array[] = [];
    while (frames.length < limits.maxFrames) {
      try {
        frames.push((await lp.read({ signal })).subarray());
      } catch (e) {
        if ((e as Error).name === "UnexpectedEOFError") break; // the peer had no more
        throw e;
      }
    }
    return frames;
  } catch (e) {
    stream?.abort(e as Error);
    if (timeout.aborted) throw new RequestTimeoutError(protocol, peer.toString());
    throw classifyFrameError(e, protocol, peer);
  } finally {
    if (stream && stream.status === "open") stream.abort(new Error("request done"));
  }
}

/** Sends `payload` and returns exactly one response frame. */
export async function requestOne(
  host: Host,
  peer: PeerId,
  protocol: string,
  payload: Uint8Array,
  maxFrameBytes: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const [frame] = await requestFrames(host, peer, protocol, payload, { maxFrameBytes, maxFrames: 1, signal });
  if (!frame)
    throw new TelchainError("P2P_NO_RESPONSE", `${protocol}: ${peer.toString()} closed without answering`);
  return frame;
}
