/**
 * Length-prefixed frames from peers, bounded before anything is allocated. Every request,
 * response and gossip RPC is a varint length followed by that many bytes; a peer decides
 * both. The prefix is checked byte by byte as it arrives: a frame announced longer than
 * the protocol allows, or a varint that runs past the bytes the largest allowed length
 * needs, is refused at once with OversizeFrameError. (libp2p's own reader keeps reading a
 * varint that never ends until the request times out, and reports a prefix that is too
 * long as a different error class than one announcing too many bytes.)
 */
import type { PeerId, Stream } from "@libp2p/interface";
import { lpStream } from "@libp2p/utils";
import { TelchainError } from "../errors.js";

/** A peer announced a frame above the limit, sent a malformed length prefix, or flooded the stream. */
export class OversizeFrameError extends TelchainError {
  constructor(message: string) {
    super("P2P_OVERSIZE_FRAME", message);
  }
}

/** What a length decoder reads: the bytes received so far (a Uint8ArrayList in libp2p). */
export interface ByteList {
  byteLength: number;
  get(index: number): number;
}

/** Bytes of the shortest varint that holds `n`. */
export function varintLength(n: number): number {
  let bytes = 1;
  for (let v = n; v >= 0x80; v = Math.floor(v / 0x80)) bytes++;
  return bytes;
}

/**
 * A varint length decoder for lpStream that refuses, as soon as the bytes show it, a
 * length above `maxBytes` or a prefix longer than the one `maxBytes` needs (an endless or
 * padded varint). RangeError means "incomplete, read another byte" to lpStream.
 */
export function boundedLengthDecoder(maxBytes: number): (buf: ByteList) => number {
  const maxPrefix = varintLength(maxBytes);
  return (buf) => {
    let value = 0;
    for (let i = 0; i < buf.byteLength; i++) {
      const b = buf.get(i);
      value += (b & 0x7f) * 2 ** (7 * i);
      // Later bytes only add: a partial value above the limit is already too much.
      if (value > maxBytes) {
        throw new OversizeFrameError(`length prefix announces more than ${maxBytes} bytes`);
      }
      if (b >= 0x80 && i + 1 >= maxPrefix) {
        throw new OversizeFrameError(`length prefix longer than ${maxPrefix} bytes`);
      }
      if (b < 0x80) return value;
    }
    throw new RangeError("incomplete length prefix");
  };
}

/**
 * A length-prefixed view of `stream` whose frames are at most `maxFrameBytes`; at most
 * `maxBufferBytes` may wait unread (more is a flood, the stream is aborted).
 */
export function frameStream(stream: Stream, maxFrameBytes: number, maxBufferBytes: number) {
  return lpStream(stream, {
    maxDataLength: maxFrameBytes,
    lengthDecoder: boundedLengthDecoder(maxFrameBytes),
    maxBufferSize: maxBufferBytes,
  });
}

/**
 * Names of the errors libp2p's readers (lpStream, it-length-prefixed in gossipsub) throw for
 * a frame over its limit, a malformed or over-long length prefix, or more unread data than
 * the read buffer holds.
 */
const LIBP2P_FRAME_ERRORS = new Set([
  "InvalidDataLengthError",
  "InvalidDataLengthLengthError",
  "InvalidMessageLengthError",
  "StreamBufferError",
]);

/** Whether `e` says the peer sent an oversize or malformed frame (its fault, not ours). */
export function isOversizeFrame(e: unknown): boolean {
  return e instanceof OversizeFrameError || (e instanceof Error && LIBP2P_FRAME_ERRORS.has(e.name));
}

/** The error as an OversizeFrameError naming the protocol and peer, if it is one; else as it is. */
export function classifyFrameError(e: unknown, protocol: string, peer: PeerId | string): unknown {
  if (!isOversizeFrame(e)) return e;
  return new OversizeFrameError(`${protocol} from ${peer.toString()}: ${(e as Error).message}`);
}

/** The part of gossipsub that reads a peer's RPC stream (a private method in its typings). */
interface GossipReader {
  handlePeerReadStreamError?: (err: Error, peer: PeerId) => void;
}

/**
 * Calls `onOversize` when gossipsub drops a peer's RPC stream because a frame was over
 * `maxInboundDataLength` or its length prefix was malformed. gossipsub (v14-17) handles
 * that in `handlePeerReadStreamError` (it logs and forgets the peer) and emits no event, so
 * that method is wrapped. Returns false when this gossipsub has no such method (a version
 * that changed it): oversize gossip then goes unpenalised, and a test says so.
 */
export function watchGossipFrames(pubsub: object, onOversize: (peer: PeerId, err: Error) => void): boolean {
  const reader = pubsub as GossipReader;
  const original = reader.handlePeerReadStreamError;
  if (typeof original !== "function") return false;
  reader.handlePeerReadStreamError = (err, peer) => {
    if (isOversizeFrame(err)) onOversize(peer, err);
    original.call(pubsub, err, peer);
  };
  return true;
}
