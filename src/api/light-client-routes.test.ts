/**
 * GET /v1/headers and GET /v1/chain over a real chain (real LMDB, mined blocks) through the real
 * API server: the headers decode, hash to the blocks' hashes and link; the tip's work is the
 * chain's; the range is bounded with BAD_RANGE; /v1/chain gives what checks headers from genesis.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { fromHex, toHex } from "../bytes.js";
import { headerHash } from "../codec/hashing.js";
import { Header } from "../codec/schema.js";
import { Mempool } from "../mempool/mempool.js";
import { NodeService } from "../node/service.js";
import { testGenesis } from "../testing/chain-harness.js";
import { ModuleTestChain } from "../testing/module-chain.js";
import { createApiServer } from "./server.js";

const LIMITS = { maxTxs: 100, maxBytes: 1 << 20, maxPerSender: 10, replaceBumpPercent: 10 };
const t = ModuleTestChain.create();
let app: FastifyInstance;

before(async () => {
  await t.mineEmpty(6);
  app = await createApiServer(new NodeService(t.c.chain, new Mempool(LIMITS)));
});
after(async () => {
  await app.close();
  await t.close();
});

const get = async (url: string) => {
  const res = await app.inject({ method: "GET", url });
  return { status: res.statusCode, body: res.json() };
};

test("GET /v1/headers: main-chain headers that hash to the blocks' hashes and link, with the tip and its work", async () => {
  const { status, body } = await get("/v1/headers?from=2&count=3");
  assert.equal(status, 200);
  assert.equal(body.headers.length, 3);
  let parent: string | undefined;
  for (const [i, hex] of (body.headers as string[]).entries()) {
    const h = Header.deserialize(fromHex(hex));
    assert.equal(h.height, 2 + i);
    const block = await get(`/v1/blocks/${h.height}`);
    assert.equal(toHex(headerHash(h)), block.body.hash);
    assert.equal(toHex(h.stateRoot), block.body.stateRoot);
    if (parent) assert.equal(toHex(h.parent), parent);
    parent = toHex(headerHash(h));
  }
  const head = t.c.chain.head();
  assert.deepEqual(body.tip, { height: 6, hash: toHex(head.hash), work: head.work.toString() });
  assert.ok(head.work > 0n);
});

test("GET /v1/headers: defaults from 0, fewer at the tip, none just past it", async () => {
  const all = await get("/v1/headers");
  assert.equal(all.status, 200);
  assert.equal(all.body.headers.length, 7, "heights 0 to 6");
  assert.equal(
    toHex(headerHash(Header.deserialize(fromHex(all.body.headers[0])))),
    toHex(t.c.chain.genesisHash()),
  );
  assert.equal((await get("/v1/headers?from=5&count=2000")).body.headers.length, 2);
  const none = await get("/v1/headers?from=7");
  assert.equal(none.status, 200);
  assert.deepEqual(none.body.headers, []);
  assert.equal(none.body.tip.height, 6);
});

test("GET /v1/headers: out of range is 400 BAD_RANGE, not a number 400 BAD_REQUEST", async () => {
  for (const q of ["from=8", "from=-1", "count=0", "count=2001", "from=0&count=-5"]) {
    const { status, body } = await get(`/v1/headers?${q}`);
    assert.equal(status, 400, q);
    assert.equal(body.error.code, "BAD_RANGE", q);
  }
  const bad = await get("/v1/headers?from=abc");
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, "BAD_REQUEST");
});

test("GET /v1/chain: chain id, genesis hash and bits, and the parameters headers are checked with", async () => {
  const { status, body } = await get("/v1/chain");
  assert.equal(status, 200);
  const g = testGenesis();
  assert.deepEqual(body, {
    chainId: g.chainId,
    genesisHash: toHex(t.c.chain.genesisHash()),
    genesisBits: `0x${g.bits.toString(16)}`,
    params: {
      targetBlockTime: g.params.targetBlockTime,
      halfLife: g.params.halfLife,
      powLimitBits: `0x${g.params.powLimitBits.toString(16)}`,
      medianTimeSpan: g.params.medianTimeSpan,
      maxFutureDrift: g.params.maxFutureDrift,
    },
  });
  assert.equal(body.genesisHash, (await get("/v1/blocks/0")).body.hash);
});
