/**
 * Property tests of every p2p message decoder (status, headers request and response, blocks
 * request): valid messages round-trip; random bytes and mutated valid frames either decode
 * to a message that re-encodes to the very same bytes, or fail with a TelchainError whose
 * code is CODEC_… or P2P_… — never another exception.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Header } from "../codec/schema.js";
import { TelchainError } from "../errors.js";
import {
  decodeBlocksRequest,
  decodeHeaders,
  decodeHeadersRequest,
  decodeStatus,
  encodeBlocksRequest,
  encodeHeaders,
  encodeHeadersRequest,
  encodeStatus,
  MAX_BLOCKS_PER_REQUEST,
  MAX_HEADERS_PER_REQUEST,
  type PeerStatus,
} from "./messages.js";

const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const height = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

/** Plain objects, as the decoders return (fast-check's records may have a null prototype). */
const plain = { noNullPrototype: true };

const status: fc.Arbitrary<PeerStatus> = fc.record(
  {
    genesisHash: bytes32,
    headHash: bytes32,
    height,
    work: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
  },
  plain,
);

const header: fc.Arbitrary<Header> = fc.record(
  {
    version: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    parent: bytes32,
    height,
    timestamp: height,
    txRoot: bytes32,
    stateRoot: bytes32,
    bits: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    miner: bytes32,
    nonce: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  },
  plain,
);

const request = (max: number) => fc.record({ start: height, count: fc.integer({ min: 1, max }) }, plain);

interface Codec<T> {
  name: string;
  value: fc.Arbitrary<T>;
  encode(v: T): Uint8Array;
  decode(b: Uint8Array): T;
}

const codecs: Codec<unknown>[] = [
  { name: "status", value: status, encode: encodeStatus, decode: decodeStatus } as Codec<PeerStatus>,
  {
    name: "headers request",
    value: request(MAX_HEADERS_PER_REQUEST),
    encode: encodeHeadersRequest,
    decode: decodeHeadersRequest,
  } as Codec<{ start: number; count: number }>,
  {
    name: "blocks request",
    value: request(MAX_BLOCKS_PER_REQUEST),
    encode: encodeBlocksRequest,
    decode: decodeBlocksRequest,
  } as Codec<{ start: number; count: number }>,
  {
    name: "headers",
    value: fc.array(header, { maxLength: 6 }),
    encode: encodeHeaders,
    decode: decodeHeaders,
  } as Codec<Header[]>,
] as Codec<unknown>[];

/** Decoding `b` either gives a value that re-encodes to `b`, or a CODEC_/P2P_ TelchainError. */
function decodesStrictlyOrRefuses<T>(c: Codec<T>, b: Uint8Array): void {
  let v: T;
  try {
    v = c.decode(b);
  } catch (e) {
    assert.ok(e instanceof TelchainError, `${c.name}: not a TelchainError: ${String(e)}`);
    assert.match(e.code, /^(CODEC|P2P)_/, `${c.name}: ${e.code}`);
    return;
  }
  assert.deepEqual(c.encode(v), b, `${c.name}: decoded but does not re-encode to the same bytes`);
}

/** Random bytes of any length, or of the length of a valid encoding (which fixed-size messages need). */
function randomBytes<T>(c: Codec<T>): fc.Arbitrary<Uint8Array> {
  const sameLength = c.value.chain((v) => {
    const n = c.encode(v).length;
    return fc.uint8Array({ minLength: n, maxLength: n });
  });
  return fc.oneof(fc.uint8Array({ maxLength: 1024 }), sameLength);
}

/** A valid encoding with one of: bytes changed, cut, extended, or a slice repeated. */
function mutated<T>(c: Codec<T>): fc.Arbitrary<Uint8Array> {
  const encoded = c.value.map((v) => c.encode(v));
  return fc.oneof(
    fc
      .tuple(
        encoded,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      )
      .map(([b, edits]) => {
        const out = Uint8Array.from(b);
        for (const [i, v] of edits) if (out.length > 0) out[i % out.length] = v;
        return out;
      }),
    fc.tuple(encoded, fc.nat()).map(([b, n]) => b.subarray(0, b.length === 0 ? 0 : n % b.length)),
    fc
      .tuple(encoded, fc.uint8Array({ minLength: 1, maxLength: 200 }))
      .map(([b, tail]) => Uint8Array.from([...b, ...tail])),
    fc.tuple(encoded, fc.nat(), fc.nat()).map(([b, i, n]) => {
      const at = b.length === 0 ? 0 : i % b.length;
      return Uint8Array.from([...b.subarray(0, at), ...b.subarray(at, at + (n % 64)), ...b.subarray(at)]);
    }),
  );
}

for (const c of codecs) {
  test(`property: ${c.name} round-trips`, () => {
    fc.assert(fc.property(c.value, (v) => assert.deepEqual(c.decode(c.encode(v)), v)));
  });

  test(`property: ${c.name} decoder refuses random bytes with a CODEC_/P2P_ code, or decodes them strictly`, () => {
    fc.assert(
      fc.property(randomBytes(c), (b) => decodesStrictlyOrRefuses(c, b)),
      { numRuns: 500 },
    );
  });

  test(`property: ${c.name} decoder refuses mutated valid frames with a CODEC_/P2P_ code, or decodes them strictly`, () => {
    fc.assert(
      fc.property(mutated(c), (b) => decodesStrictlyOrRefuses(c, b)),
      { numRuns: 500 },
    );
  });
}

test("property: a request for a count outside 1..max is refused with P2P_BAD_REQUEST", () => {
  const outside = (max: number) => fc.oneof(fc.constant(0), fc.integer({ min: max + 1, max: 2 ** 32 - 1 }));
  fc.assert(
    fc.property(height, outside(MAX_HEADERS_PER_REQUEST), outside(MAX_BLOCKS_PER_REQUEST), (start, h, b) => {
      for (const [decode, bytes] of [
        [decodeHeadersRequest, encodeHeadersRequest({ start, count: h })],
        [decodeBlocksRequest, encodeBlocksRequest({ start, count: b })],
      ] as const)
        assert.throws(
          () => decode(bytes),
          (e: TelchainError) => e.code === "P2P_BAD_REQUEST",
        );
    }),
  );
});
