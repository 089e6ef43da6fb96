import assert from "node:assert/strict";
import { test } from "node:test";
import { headerHash } from "../codec/hashing.js";
import type { Header } from "../codec/schema.js";
import { mine, TestChain, unmine } from "../testing/chain-harness.js";
import { checkHeaderBatch } from "./header-check.js";
import { listenMultiaddr } from "./host.js";
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
} from "./messages.js";
import { protocolNames } from "./protocols.js";
import { networkTestGenesis } from "./testing.js";

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return "no error";
};

test("status round-trips with 256-bit work; anything but its exact size is refused", () => {
  const s = {
    genesisHash: new Uint8Array(32).fill(1),
    headHash: new Uint8Array(32).fill(2),
    height: 77,
    work: (1n << 200n) + 5n,
  };
  const bytes = encodeStatus(s);
  assert.deepEqual(decodeStatus(bytes), s);
  assert.equal(
    code(() => decodeStatus(bytes.subarray(1))),
    "CODEC_MALFORMED",
  );
  assert.equal(
    code(() => decodeStatus(new Uint8Array([...bytes, 0]))),
    "CODEC_OVERSIZE",
  );
});

test("request counts are capped: headers 1..512, blocks 1..32", () => {
  type Request = { start: number; count: number };
  const requests: [max: number, roundTrip: (r: Request) => Request][] = [
    [512, (r) => decodeHeadersRequest(encodeHeadersRequest(r))],
    [32, (r) => decodeBlocksRequest(encodeBlocksRequest(r))],
  ];
  assert.deepEqual([MAX_HEADERS_PER_REQUEST, MAX_BLOCKS_PER_REQUEST], [512, 32]);
  for (const [max, roundTrip] of requests) {
    for (const count of [1, max]) assert.deepEqual(roundTrip({ start: 5, count }), { start: 5, count });
    for (const count of [0, max + 1])
      assert.equal(
        code(() => roundTrip({ start: 5, count })),
        "P2P_BAD_REQUEST",
      );
  }
});

test("headers decode strictly and check linkage, heights and proof of work", async () => {
  const chain = TestChain.create(networkTestGenesis());
  try {
    const headers: Header[] = [];
    for (let i = 0; i < 3; i++) headers.push((await chain.extend()).header);
    const bytes = encodeHeaders(headers);
    assert.deepEqual(decodeHeaders(bytes).map(headerHash), headers.map(headerHash));
    assert.equal(
      code(() => decodeHeaders(bytes.subarray(0, bytes.length - 1))),
      "CODEC_MALFORMED",
    );

    const genesis = chain.chain.genesisHash();
    const ok = checkHeaderBatch(headers, 1, genesis);
    assert.ok(
      ok.ok &&
        ok.hashes.length === 3 &&
        ok.hashes.every((h, i) => h.join() === headerHash(headers[i]).join()),
    );

    const detached = checkHeaderBatch(headers, 1, new Uint8Array(32));
    assert.ok(!detached.ok && detached.first);
    const gap = checkHeaderBatch([headers[0], headers[2]], 1, genesis);
    assert.ok(!gap.ok && !gap.first && /height 3, expected 2/.test(gap.reason));
    const unworked = unmine({ header: headers[1], txs: [] }).header;
    const badPow = checkHeaderBatch([headers[0], unworked], 1, genesis);
    assert.ok(!badPow.ok && /proof of work/.test(badPow.reason));
    const relinked = mine({ header: { ...headers[1], parent: new Uint8Array(32).fill(3) }, txs: [] }).header;
    const broken = checkHeaderBatch([headers[0], relinked], 1, genesis);
    assert.ok(!broken.ok && !broken.first);
  } finally {
    await chain.close();
  }
});

test("protocol names carry the chain id; listen addresses become multiaddrs", () => {
  assert.deepEqual(protocolNames("telchain-dev"), {
    txTopic: "/telchain/telchain-dev/tx/1",
    blockTopic: "/telchain/telchain-dev/block/1",
    status: "/telchain/telchain-dev/status/1",
    headers: "/telchain/telchain-dev/headers/1",
    blocks: "/telchain/telchain-dev/blocks/1",
  });
  assert.equal(listenMultiaddr("0.0.0.0:7000"), "/ip4/0.0.0.0/tcp/7000");
  assert.equal(listenMultiaddr("localhost:0"), "/ip4/127.0.0.1/tcp/0");
  assert.equal(listenMultiaddr("[::1]:7001"), "/ip6/::1/tcp/7001");
  assert.equal(
    code(() => listenMultiaddr("7000")),
    "P2P_BAD_LISTEN",
  );
  assert.equal(
    code(() => listenMultiaddr("1.2.3.4:70000")),
    "P2P_BAD_LISTEN",
  );
});
