import "./polyfill.js";
import assert from "node:assert/strict";
import { test } from "node:test";
import type { PeerId } from "@libp2p/interface";
import { streamPair } from "@libp2p/utils";
import fc from "fast-check";
import {
  boundedLengthDecoder,
  classifyFrameError,
  frameStream,
  isOversizeFrame,
  OversizeFrameError,
  varintLength,
  watchGossipFrames,
} from "./frames.js";
import { lengthPrefix } from "./testing.js";

/** The bytes as libp2p hands them to a length decoder. */
const list = (bytes: number[]) => ({ byteLength: bytes.length, get: (i: number) => bytes[i] });

const varint = (n: number) => [...lengthPrefix(n)];

test("varintLength is the length of the shortest varint", () => {
  for (const n of [0, 1, 127, 128, 104, 16_383, 16_384, 2 ** 21, 2 ** 32, Number.MAX_SAFE_INTEGER])
    assert.equal(varintLength(n), varint(n).length, String(n));
});

test("property: the bounded length decoder returns a length within the limit, asks for more, or refuses", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 64 * 1024 * 1024 }),
      fc.uint8Array({ minLength: 1, maxLength: 12 }),
      (max, bytes) => {
        const decode = boundedLengthDecoder(max);
        const maxPrefix = varintLength(max);
        try {
          const n = decode(list([...bytes]));
          // A whole varint within the prefix length the limit needs, and within the limit.
          const end = bytes.findIndex((b) => b < 0x80);
          assert.ok(end >= 0 && end < maxPrefix && n <= max);
          let v = 0;
          for (let i = 0; i <= end; i++) v += (bytes[i] & 0x7f) * 2 ** (7 * i);
          assert.equal(n, v);
        } catch (e) {
          if (e instanceof RangeError) {
            // Incomplete: every byte so far continues, and fewer than the longest allowed prefix.
            assert.ok(bytes.every((b) => b >= 0x80) && bytes.length < maxPrefix);
          } else {
            assert.ok(e instanceof OversizeFrameError, String(e));
          }
        }
      },
    ),
  );
});

test("property: every length up to the limit decodes from its varint; every one above is refused", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 30 }), fc.integer({ min: 0, max: 2 ** 31 }), (max, n) => {
      const decode = boundedLengthDecoder(max);
      if (n <= max) assert.equal(decode(list(varint(n))), n);
      else assert.throws(() => decode(list(varint(n))), OversizeFrameError);
    }),
  );
});

/** Sends `bytes` on one end of a stream pair and reads one frame (limit `max`) on the other. */
async function readOne(bytes: Uint8Array, max: number, buffer = max + 1024): Promise<Uint8Array | Error> {
  const [a, b] = await streamPair();
  const lp = frameStream(b, max, buffer);
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    a.send(bytes);
    return (await lp.read({ signal: AbortSignal.timeout(5_000) })).subarray();
  } catch (e) {
    return e as Error;
  } finally {
    clearInterval(keepAlive);
    a.abort(new Error("done"));
  }
}

test("frames: a frame within its limit is read; oversize, over-long, endless and flooding ones fail at once", async () => {
  const ok = await readOne(new Uint8Array([5, 1, 2, 3, 4, 5]), 104);
  assert.deepEqual(ok, new Uint8Array([1, 2, 3, 4, 5]));
  const cases: [string, Uint8Array, number?][] = [
    ["length over the limit", new Uint8Array([105, ...new Uint8Array(105)])],
    ["varint of 4 MiB", new Uint8Array([...varint(4 * 1024 * 1024), 1, 2, 3])],
    ["padded varint of 5", new Uint8Array([0x85, 0x00, 1, 2, 3, 4, 5])],
    ["endless varint", new Uint8Array(4096).fill(0x80)],
    ["a flood past the read buffer", new Uint8Array([104, ...new Uint8Array(4096)]), 104 + 16],
  ];
  for (const [what, bytes, buffer] of cases) {
    const started = Date.now();
    const e = await readOne(bytes, 104, buffer);
    assert.ok(isOversizeFrame(e), `${what}: ${String(e)}`);
    assert.ok(Date.now() - started < 2_000, `${what} fails without waiting for a timeout`);
  }
});

test("frame errors of libp2p's readers count as oversize; others do not", () => {
  const named = (name: string) => Object.assign(new Error("x"), { name });
  for (const name of ["InvalidDataLengthError", "InvalidDataLengthLengthError", "StreamBufferError"])
    assert.ok(isOversizeFrame(named(name)), name);
  for (const e of [named("UnexpectedEOFError"), named("AbortError"), "text", undefined])
    assert.equal(isOversizeFrame(e), false);
  const peer = { toString: () => "12D3KooWpeer" } as PeerId;
  const classified = classifyFrameError(named("InvalidDataLengthError"), "/p/1", peer);
  assert.ok(classified instanceof OversizeFrameError && /\/p\/1 from 12D3KooWpeer/.test(classified.message));
  const other = named("AbortError");
  assert.equal(classifyFrameError(other, "/p/1", peer), other);
});

test("gossip: an oversize frame reported by gossipsub's read-error handler reaches the listener; others do not", () => {
  const calls: string[] = [];
  const pubsub = {
    handlePeerReadStreamError(err: Error, _peer: PeerId) {
      calls.push(`original ${err.name}`);
    },
  };
  const peer = { toString: () => "p" } as PeerId;
  assert.ok(watchGossipFrames(pubsub, (p, err) => calls.push(`oversize ${p.toString()} ${err.name}`)));
  pubsub.handlePeerReadStreamError(
    Object.assign(new Error("too long"), { name: "InvalidDataLengthError" }),
    peer,
  );
  pubsub.handlePeerReadStreamError(Object.assign(new Error("reset"), { name: "StreamResetError" }), peer);
  assert.deepEqual(calls, [
    "oversize p InvalidDataLengthError",
    "original InvalidDataLengthError",
    "original StreamResetError",
  ]);
  assert.equal(
    watchGossipFrames({}, () => undefined),
    false,
  );
});
