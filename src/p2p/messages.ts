/**
 * Wire format of the request/response protocols: SSZ containers, decoded strictly
 * (canonical bytes only) and bounded in size before decoding.
 *
 * - status:  request = our Status, response = theirs (one round trip tells both sides).
 * - headers: request = HeadersRequest, response = one Headers frame (main-chain headers
 *            from `start`, at most `count`, fewer at the peer's tip).
 * - blocks:  request = BlocksRequest, response = one length-prefixed frame per encoded
 *            main-chain block from `start` (at most `count`, and no more blocks once
 *            MAX_BLOCKS_RESPONSE_BYTES are reached), then the stream closes.
 */
import { ContainerType, ListCompositeType, type ValueOf } from "@chainsafe/ssz";
import { workFromBytes, workToBytes } from "../chain/chain-store.js";
import { decodeStrict } from "../codec/decode.js";
import { Bytes32, Header, Uint32, Uint53 } from "../codec/schema.js";
import { TelchainError } from "../errors.js";

export const MAX_HEADERS_PER_REQUEST = 512;
export const MAX_BLOCKS_PER_REQUEST = 32;
/** A blocks response stops adding blocks past this many bytes (it always holds at least one). */
export const MAX_BLOCKS_RESPONSE_BYTES = 16 * 1024 * 1024;

export const Status = new ContainerType(
  {
    genesisHash: Bytes32,
    headHash: Bytes32,
    height: Uint53,
    /** Cumulative work of the head, 256-bit big-endian. */
    work: Bytes32,
  },
  { typeName: "Status" },
);

export const HeadersRequest = new ContainerType(
  { start: Uint53, count: Uint32 },
  { typeName: "HeadersRequest" },
);
export const Headers = new ListCompositeType(Header, MAX_HEADERS_PER_REQUEST);
export const BlocksRequest = new ContainerType(
  { start: Uint53, count: Uint32 },
  { typeName: "BlocksRequest" },
);

export type Status = ValueOf<typeof Status>;
export type HeadersRequest = ValueOf<typeof HeadersRequest>;
export type BlocksRequest = ValueOf<typeof BlocksRequest>;

export const STATUS_BYTES = Status.fixedSize as number;
export const HEADERS_REQUEST_BYTES = HeadersRequest.fixedSize as number;
export const BLOCKS_REQUEST_BYTES = BlocksRequest.fixedSize as number;
export const HEADERS_MAX_BYTES = Headers.maxSize;

/** A status as the rest of the p2p code uses it (work as a bigint). */
export type PeerStatus = Omit<Status, "work"> & { work: bigint };

export function encodeStatus(s: PeerStatus): Uint8Array {
  return Status.serialize({ ...s, work: workToBytes(s.work) });
}

export function decodeStatus(bytes: Uint8Array): PeerStatus {
  const s = decodeStrict(Status, bytes, "status", STATUS_BYTES);
  return { ...s, work: workFromBytes(s.work) };
}

function checkCount(what: string, count: number, max: number): void {
  if (count < 1 || count > max) {
    throw new TelchainError("P2P_BAD_REQUEST", `${what} asks for ${count} items, allowed 1..${max}`);
  }
}

/** Encode and strict decode of a request for `count` items, refusing counts outside 1..maxCount. */
function countedRequest<T extends { count: number }>(
  type: { serialize(v: T): Uint8Array } & Parameters<typeof decodeStrict<T>>[0],
  what: string,
  maxBytes: number,
  maxCount: number,
) {
  return {
    encode: (r: T): Uint8Array => type.serialize(r),
    decode(bytes: Uint8Array): T {
      const r = decodeStrict(type, bytes, what, maxBytes);
      checkCount(what, r.count, maxCount);
      return r;
    },
  };
}

/** The two requests of the sync protocol: their codecs, limits and names in one table. */
const requests = {
  headers: countedRequest<HeadersRequest>(
    HeadersRequest,
    "headers request",
    HEADERS_REQUEST_BYTES,
    MAX_HEADERS_PER_REQUEST,
  ),
  blocks: countedRequest<BlocksRequest>(
    BlocksRequest,
    "blocks request",
    BLOCKS_REQUEST_BYTES,
    MAX_BLOCKS_PER_REQUEST,
  ),
};
export const { encode: encodeHeadersRequest, decode: decodeHeadersRequest } = requests.headers;
export const { encode: encodeBlocksRequest, decode: decodeBlocksRequest } = requests.blocks;

export function encodeHeaders(headers: Header[]): Uint8Array {
  return Headers.serialize(headers);
}

export function decodeHeaders(bytes: Uint8Array): Header[] {
  return decodeStrict(Headers, bytes, "headers", HEADERS_MAX_BYTES);
}
