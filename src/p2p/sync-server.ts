/**
 * Server side of the request/response protocols: answers status, headers and blocks
 * requests from the main chain. Counts are capped, request sizes bounded, each peer is
 * rate limited, and a malformed request costs the sender score instead of crashing us.
 */
import type { PeerId, Stream } from "@libp2p/interface";
import { isTelchainError } from "../errors.js";
import { frameStream, isOversizeFrame } from "./frames.js";
import {
  BLOCKS_REQUEST_BYTES,
  decodeBlocksRequest,
  decodeHeadersRequest,
  decodeStatus,
  encodeHeaders,
  encodeStatus,
  HEADERS_REQUEST_BYTES,
  MAX_BLOCKS_RESPONSE_BYTES,
  type PeerStatus,
  STATUS_BYTES,
} from "./messages.js";
import { PENALTY_MALFORMED_MESSAGE, PENALTY_RATE_LIMIT } from "./peer-scores.js";
import { type NetworkParts, ProtocolPart } from "./protocol-part.js";
import { PeerRateLimiter } from "./rate-limit.js";
import { REQUEST_TIMEOUT_MS } from "./request.js";
import type { ChainAccess } from "./types.js";

/** Requests a peer may burst, and the sustained rate (per second), over all three protocols. */
export const REQUEST_BURST = 100;
export const REQUESTS_PER_SECOND = 50;
/** Concurrent inbound streams per connection and protocol. */
const MAX_INBOUND_STREAMS = 4;
/** Unread request bytes a stream may hold beyond one request frame (more is a flood). */
const REQUEST_BUFFER_SLACK = 1024;

export function ourStatus(chain: ChainAccess): PeerStatus {
  const head = chain.head();
  return { genesisHash: chain.genesisHash, headHash: head.hash, height: head.height, work: head.work };
}

export class SyncServer extends ProtocolPart {
  private readonly limiter = new PeerRateLimiter(REQUEST_BURST, REQUESTS_PER_SECOND);

  constructor(
    parts: NetworkParts,
    /** Told the status a peer sent along with its status request. */
    private readonly onPeerStatus: (peer: PeerId, status: PeerStatus) => void,
  ) {
    super(parts);
  }

  async start(): Promise<void> {
    await this.serve(this.names.status, STATUS_BYTES, (req, peer) => {
      this.onPeerStatus(peer, decodeStatus(req));
      return [encodeStatus(ourStatus(this.chain))];
    });
    await this.serve(this.names.headers, HEADERS_REQUEST_BYTES, (req) => {
      const { start, count } = decodeHeadersRequest(req);
      const headers = [];
      for (let h = start; h < start + count; h++) {
        const header = this.chain.headerAt(h);
        if (!header) break;
        headers.push(header);
      }
      return [encodeHeaders(headers)];
    });
    await this.serve(this.names.blocks, BLOCKS_REQUEST_BYTES, (req) => {
      const { start, count } = decodeBlocksRequest(req);
      const blocks: Uint8Array[] = [];
      let total = 0;
      for (let h = start; h < start + count && total < MAX_BLOCKS_RESPONSE_BYTES; h++) {
        const bytes = this.chain.blockBytesAt(h);
        if (!bytes) break;
        blocks.push(bytes);
        total += bytes.length;
      }
      return blocks;
    });
  }

  forget(peer: string): void {
    this.limiter.forget(peer);
  }

  private serve(
    protocol: string,
    maxRequestBytes: number,
    answer: (request: Uint8Array, peer: PeerId) => Uint8Array[],
  ): Promise<void> {
    return this.host.handle(
      protocol,
      async (stream, connection) => {
        const peer = connection.remotePeer;
        await this.answer(stream, peer, protocol, maxRequestBytes, answer).catch((e) => {
          this.log.debug({ peer: peer.toString(), protocol, err: (e as Error).message }, "request failed");
          stream.abort(e as Error);
        });
      },
      { maxInboundStreams: MAX_INBOUND_STREAMS },
    );
  }

  private async answer(
    stream: Stream,
    peer: PeerId,
    protocol: string,
    maxRequestBytes: number,
    answer: (request: Uint8Array, peer: PeerId) => Uint8Array[],
  ): Promise<void> {
    const id = peer.toString();
    if (!this.limiter.take(id)) {
      this.scores.penalize(id, PENALTY_RATE_LIMIT, `too many ${protocol} requests`);
      throw new Error("rate limited");
    }
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const lp = frameStream(stream, maxRequestBytes, maxRequestBytes + REQUEST_BUFFER_SLACK);
    let frames: Uint8Array[];
    try {
      frames = answer((await lp.read({ signal })).subarray(), peer);
    } catch (e) {
      // An oversize or malformed length prefix (checked before anything is allocated), a
      // flood past the read buffer, or a request that does not decode: the peer's fault.
      if (isOversizeFrame(e)) {
        this.scores.penalize(
          id,
          PENALTY_MALFORMED_MESSAGE,
          `oversize ${protocol} request: ${(e as Error).message}`,
        );
      } else if (isTelchainError(e)) {
        this.scores.penalize(id, PENALTY_MALFORMED_MESSAGE, `malformed ${protocol} request`);
      }
      throw e;
    }
    for (const frame of frames) await lp.write(frame, { signal });
    await stream.close({ signal });
  }
}
