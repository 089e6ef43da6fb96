import assert from "node:assert/strict";
import { test } from "node:test";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { toHex } from "../bytes.js";
import { encodeAddress } from "../crypto/address.js";
import { TelchainError } from "../errors.js";
import type { Module, QueryContext } from "../module/interface.js";
import { allModules } from "../modules/index.js";
import type { AccountView, BlockView, NodeApi, TxView } from "../node/types.js";
import { nodeStatus } from "../testing/node-status.js";
import { unusedLightClientQueries } from "../testing/node-stub.js";
import { MAX_PARAM_LENGTH, routeDocProblems } from "./route.js";
import { MAX_ADDRESS_LENGTH } from "./schemas.js";
import { createApiServer, isLoopbackAddress, type RateLimitOptions } from "./server.js";

const H = (c: string) => c.repeat(64);
const ADDR = encodeAddress(new Uint8Array(32).fill(7));

const STATUS = nodeStatus({
  height: 12,
  difficulty: 1.5,
  peers: 3,
  mining: true,
  hashRate: 1234.5,
  mempool: { size: 1, bytes: 200 },
  minFeePerByte: "10",
});

const BLOCK: BlockView = {
  hash: H("b"),
  height: 5,
  parent: H("c"),
  timestamp: 1_700_000_000,
  txRoot: H("d"),
  stateRoot: H("e"),
  bits: "1f00ffff",
  miner: ADDR,
  nonce: "42",
  size: 300,
  reward: "5000000000",
  fees: "0",
  main: true,
  txs: [H("1")],
};

const TX: TxView = {
  hash: H("1"),
  status: "included",
  height: 5,
  blockHash: H("b"),
  index: 0,
  sender: ADDR,
  nonce: 0,
  fee: "1500",
  expiry: 0,
  module: "coin",
  kind: "transfer",
  payload: { to: ADDR, amount: "100" },
  size: 150,
};

const ACCOUNT: AccountView = {
  address: ADDR,
  balance: "1000",
  nonce: 2,
  pendingNonce: 3,
  authorisingKey: ADDR,
  rotated: false,
  lockedUntil: 0,
  locked: false,
  memoKey: null,
};

/** A NodeApi that serves fixed objects and records what it was given. */
function fakeNode(modules: Module[] = []) {
  const calls: { submitTx: Uint8Array[]; submitBlock: Uint8Array[]; block: string[]; mempool: number[] } = {
    submitTx: [],
    submitBlock: [],
    block: [],
    mempool: [],
  };
  const node: NodeApi = {
    status: () => STATUS,
    peers: () => [
      {
        peerId: "12D3KooWPeer",
        address: "/ip4/127.0.0.1/tcp/9000",
        score: -5,
        height: 7,
        direction: "outbound",
      },
    ],
    block: (id) => {
      calls.block.push(id);
      return id === "5" || id === BLOCK.hash ? BLOCK : undefined;
    },
    tx: (hash) => (hash === TX.hash ? TX : undefined),
    submitTx: async (bytes) => {
      calls.submitTx.push(bytes);
      if (bytes.length === 1)
        throw new TelchainError("CODEC_MALFORMED", "transaction is malformed: too short");
      return { hash: H("f") };
    },
    submitBlock: async (bytes) => {
      calls.submitBlock.push(bytes);
      return { hash: H("b"), status: "head" };
    },
    account: (address) => ({ ...ACCOUNT, address }),
    accountProof: (address) => ({
      address,
      height: 12,
      headHash: H("a"),
      stateRoot: H("e"),
      account: { ...ACCOUNT, address },
      proof: { siblings: [H("9")] } as never,
    }),
    ...unusedLightClientQueries,
    accountTxs: () => ({ items: [], next: null }),
    mempool: (limit) => {
      calls.mempool.push(limit);
      return { size: 1, bytes: 200, txs: [H("2")] };
    },
    modules: () => modules,
    queryContext: (name) => ({ chainId: () => `ctx-for-${name}` }) as unknown as QueryContext,
  };
  return { node, calls };
}

async function withApp(
  fn: (app: FastifyInstance, calls: ReturnType<typeof fakeNode>["calls"]) => Promise<void>,
  opts: {
    modules?: Module[];
    rateLimit?: RateLimitOptions;
  } = {},
) {
  const { node, calls } = fakeNode(opts.modules);
  const app = await createApiServer(node, {
    rateLimit: opts.rateLimit,
  });
  try {
    await fn(app, calls);
  } finally {
    await app.close();
  }
}

function assertError(res: { statusCode: number; json(): unknown }, status: number, code: string) {
  assert.equal(res.statusCode, status);
  const body = res.json() as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(body), ["error"]);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, "string");
  assert.ok(body.error.message.length > 0);
  return body.error.message;
}

test("GET /v1/status returns the node status", async () => {
  await withApp(async (app) => {
    const res = await app.inject({ method: "GET", url: "/v1/status" });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), STATUS);
  });
});

test("GET /v1/peers lists the network's peers", async () => {
  await withApp(async (app) => {
    const res = await app.inject({ method: "GET", url: "/v1/peers" });
    assert.equal(res.statusCode, 200);
    const body = res.json() as { peers: { peerId: string; score: number; height: number }[] };
    assert.equal(body.peers.length, 1);
    assert.equal(body.peers[0].peerId, "12D3KooWPeer");
    assert.equal(body.peers[0].score, -5);
    assert.equal(body.peers[0].height, 7);
  });
});

test("GET /v1/blocks/:id accepts a height or a hash, 404s unknown ones, 400s anything else", async () => {
  await withApp(async (app, calls) => {
    const byHeight = await app.inject({ method: "GET", url: "/v1/blocks/5" });
    assert.equal(byHeight.statusCode, 200);
    assert.deepEqual(byHeight.json(), BLOCK);

    const byHash = await app.inject({ method: "GET", url: `/v1/blocks/${H("B")}` });
    assert.equal(byHash.statusCode, 200);
    assert.equal(calls.block.at(-1), H("b"), "hash is normalised to lowercase");

    assertError(await app.inject({ method: "GET", url: "/v1/blocks/6" }), 404, "NOT_FOUND");
    for (const bad of ["abc", "-1", "5.5", H("g"), `${H("a")}00`, "0x05"]) {
      const msg = assertError(
        await app.inject({ method: "GET", url: `/v1/blocks/${bad}` }),
        400,
        "BAD_REQUEST",
      );
      assert.match(msg, /id/, `message names the field for ${bad}`);
    }
  });
});

test("POST /v1/blocks decodes hex and submits the block", async () => {
  await withApp(async (app, calls) => {
    const res = await app.inject({ method: "POST", url: "/v1/blocks", payload: { block: "0102ff" } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { hash: H("b"), status: "head" });
    assert.deepEqual([...calls.submitBlock[0]], [1, 2, 255]);

    const odd = assertError(
      await app.inject({ method: "POST", url: "/v1/blocks", payload: { block: "abc" } }),
      400,
      "BAD_REQUEST",
    );
    assert.match(odd, /block/);
    assert.equal(calls.submitBlock.length, 1);
  });
});

test("GET /v1/txs/:hash returns the transaction or 404, and 400s a malformed hash", async () => {
  await withApp(async (app) => {
    const res = await app.inject({ method: "GET", url: `/v1/txs/${H("1")}` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), TX);

    assertError(await app.inject({ method: "GET", url: `/v1/txs/${H("3")}` }), 404, "NOT_FOUND");
    const msg = assertError(await app.inject({ method: "GET", url: "/v1/txs/1234" }), 400, "BAD_REQUEST");
    assert.match(msg, /hash/);
  });
});

test("POST /v1/txs submits the decoded bytes and returns 201 with the hash", async () => {
  await withApp(async (app, calls) => {
    const bytes = new Uint8Array([9, 8, 7, 6]);
    const res = await app.inject({ method: "POST", url: "/v1/txs", payload: { tx: toHex(bytes) } });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), { hash: H("f") });
    assert.deepEqual(calls.submitTx[0], bytes);

    // 0x prefix is accepted; the node's own refusal passes through with its code.
    assertError(
      await app.inject({ method: "POST", url: "/v1/txs", payload: { tx: "0x01" } }),
      400,
      "CODEC_MALFORMED",
    );
  });
});

test("POST /v1/txs refuses bad input with BAD_REQUEST naming the field", async () => {
  await withApp(async (app, calls) => {
    const cases: { payload: string; headers?: Record<string, string>; field: RegExp }[] = [
      { payload: JSON.stringify({ tx: "zz" }), field: /tx/ },
      { payload: JSON.stringify({ tx: "abc" }), field: /tx/ },
      { payload: JSON.stringify({ tx: 12 }), field: /tx/ },
      { payload: JSON.stringify({}), field: /tx/ },
      { payload: JSON.stringify({ tx: "00", extra: 1 }), field: /extra|additional/ },
      { payload: "{not json", field: /JSON/ },
    ];
    for (const c of cases) {
      const res = await app.inject({
        method: "POST",
        url: "/v1/txs",
        payload: c.payload,
        headers: { "content-type": "application/json" },
      });
      const msg = assertError(res, 400, "BAD_REQUEST");
      assert.match(msg, c.field, `for ${c.payload}: ${msg}`);
    }
    assert.equal(calls.submitTx.length, 0);
  });
});

test("non-JSON bodies are refused with 415", async () => {
  await withApp(async (app) => {
    const res = await app.inject({
      method: "POST",
      url: "/v1/txs",
      payload: "tx=00",
      headers: { "content-type": "text/plain" },
    });
    assertError(res, 415, "UNSUPPORTED_MEDIA_TYPE");
  });
});

test("GET /v1/accounts/:address returns the account; a bad address is ADDRESS_INVALID", async () => {
  await withApp(async (app) => {
    const res = await app.inject({ method: "GET", url: `/v1/accounts/${ADDR}` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), ACCOUNT);

    for (const bad of ["tel1xyz", `${ADDR.slice(0, -1)}q`, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"]) {
      assertError(
        await app.inject({ method: "GET", url: `/v1/accounts/${encodeURIComponent(bad)}` }),
        400,
        "ADDRESS_INVALID",
      );
    }
  });
});

test("GET /v1/proof/accounts/:address returns the account with its proof", async () => {
  await withApp(async (app) => {
    const res = await app.inject({ method: "GET", url: `/v1/proof/accounts/${ADDR}` });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.stateRoot, H("e"));
    assert.deepEqual(body.account, ACCOUNT);
    assert.deepEqual(body.proof, { siblings: [H("9")] });
    assertError(await app.inject({ method: "GET", url: "/v1/proof/accounts/nope" }), 400, "ADDRESS_INVALID");
  });
});

test("GET /v1/mempool passes the limit (default 100) and validates it", async () => {
  await withApp(async (app, calls) => {
    const res = await app.inject({ method: "GET", url: "/v1/mempool?limit=7" });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { size: 1, bytes: 200, txs: [H("2")] });
    await app.inject({ method: "GET", url: "/v1/mempool" });
    assert.deepEqual(calls.mempool, [7, 100]);

    for (const bad of ["0", "abc", "100000"]) {
      const msg = assertError(
        await app.inject({ method: "GET", url: `/v1/mempool?limit=${bad}` }),
        400,
        "BAD_REQUEST",
      );
      assert.match(msg, /limit/);
    }
  });
});

test("unknown routes are 404 NOT_FOUND in the error shape", async () => {
  await withApp(async (app) => {
    assertError(await app.inject({ method: "GET", url: "/v1/nothing-here" }), 404, "NOT_FOUND");
    assertError(await app.inject({ method: "DELETE", url: "/v1/status" }), 404, "NOT_FOUND");
  });
});

test("unexpected errors are 500 INTERNAL without leaking details", async () => {
  const { node } = fakeNode();
  node.status = () => {
    throw new Error("database exploded at /secret/path");
  };
  const app = await createApiServer(node, {});
  try {
    const res = await app.inject({ method: "GET", url: "/v1/status" });
    const msg = assertError(res, 500, "INTERNAL");
    assert.doesNotMatch(res.body, /secret|exploded|at /);
    assert.equal(msg, "internal error");
  } finally {
    await app.close();
  }
});

test("module routes are registered with the module's query context and appear in OpenAPI", async () => {
  const seen: string[] = [];
  const numbers: Module = {
    name: "numbers",
    kinds: {},
    routes(app, ctx) {
      seen.push(ctx.chainId());
      app.get(
        "/v1/numbers/:number",
        {
          schema: {
            operationId: "getTestNumber",
            summary: "A number",
            description: "A number of the test module.",
            params: Type.Object({ number: Type.String({ pattern: "^\\+[0-9]+$", maxLength: 16 }) }),
          },
        },
        async (request) => ({ number: (request.params as { number: string }).number, owner: ADDR }),
      );
    },
  };
  await withApp(
    async (app) => {
      assert.deepEqual(seen, ["ctx-for-numbers"]);
      const res = await app.inject({ method: "GET", url: "/v1/numbers/%2B4930123" });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { number: "+4930123", owner: ADDR });
      // Module routes get the same error shape for validation failures.
      assertError(await app.inject({ method: "GET", url: "/v1/numbers/abc" }), 400, "BAD_REQUEST");

      const doc = (await app.inject({ method: "GET", url: "/v1/openapi.json" })).json();
      assert.ok(doc.paths["/v1/numbers/{number}"]);
    },
    { modules: [numbers] },
  );
});

test("GET /v1/openapi.json documents every core route with its schemas", async () => {
  await withApp(async (app) => {
    const res = await app.inject({ method: "GET", url: "/v1/openapi.json" });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.match(doc.openapi, /^3\./);
    for (const path of [
      "/v1/status",
      "/v1/blocks/{id}",
      "/v1/blocks",
      "/v1/txs/{hash}",
      "/v1/txs",
      "/v1/accounts/{address}",
      "/v1/proof/accounts/{address}",
      "/v1/mempool",
    ]) {
      assert.ok(doc.paths[path], `missing ${path}`);
    }
    assert.ok(doc.paths["/v1/txs"].post.requestBody, "request body documented");
    assert.ok(doc.paths["/v1/status"].get.responses["200"], "response documented");
    assert.equal(doc.paths["/v1/openapi.json"], undefined, "the document does not list itself");
  });
});

test("the rate limit answers 429 RATE_LIMITED once exceeded", async () => {
  const remoteAddress = "203.0.113.7";
  await withApp(
    async (app) => {
      for (let i = 0; i < 3; i++) {
        assert.equal((await app.inject({ method: "GET", url: "/v1/status", remoteAddress })).statusCode, 200);
      }
      const res = await app.inject({ method: "GET", url: "/v1/status", remoteAddress });
      assertError(res, 429, "RATE_LIMITED");
      assert.ok(res.headers["retry-after"], "tells the client when to retry");
      // Unknown routes count too.
      assertError(await app.inject({ method: "GET", url: "/v1/nope", remoteAddress }), 429, "RATE_LIMITED");
      // Per IP: another client still gets answers.
      const other = await app.inject({ method: "GET", url: "/v1/status", remoteAddress: "198.51.100.1" });
      assert.equal(other.statusCode, 200);
    },
    { rateLimit: { max: 3, timeWindow: 60_000 } },
  );
});

test("loopback clients are not rate limited by default, and are with loopback: true", async () => {
  const loopbacks = ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"];
  await withApp(
    async (app) => {
      for (const remoteAddress of loopbacks) {
        for (let i = 0; i < 20; i++) {
          const res = await app.inject({ method: "GET", url: "/v1/status", remoteAddress });
          assert.equal(res.statusCode, 200, `${remoteAddress} request ${i}`);
        }
      }
      // A forwarded header does not make a remote client loopback (no trustProxy).
      const forwarded = { "x-forwarded-for": "127.0.0.1" };
      for (let i = 0; i < 3; i++) {
        await app.inject({
          method: "GET",
          url: "/v1/status",
          remoteAddress: "203.0.113.9",
          headers: forwarded,
        });
      }
      const res = await app.inject({
        method: "GET",
        url: "/v1/status",
        remoteAddress: "203.0.113.9",
        headers: forwarded,
      });
      assertError(res, 429, "RATE_LIMITED");
    },
    { rateLimit: { max: 3, timeWindow: 60_000 } },
  );
  // One app per address: IPv6 clients share a key per /56 (the plugin's default).
  for (const remoteAddress of loopbacks) {
    await withApp(
      async (app) => {
        for (let i = 0; i < 3; i++) {
          assert.equal(
            (await app.inject({ method: "GET", url: "/v1/status", remoteAddress })).statusCode,
            200,
          );
        }
        const res = await app.inject({ method: "GET", url: "/v1/status", remoteAddress });
        assert.match(assertError(res, 429, "RATE_LIMITED"), /at most 3 per time window/, remoteAddress);
      },
      { rateLimit: { max: 3, timeWindow: 60_000, loopback: true } },
    );
  }
});

test("isLoopbackAddress: 127.0.0.0/8, ::1 and IPv4-mapped loopback only", () => {
  for (const ip of ["127.0.0.1", "127.255.255.254", "::1", "::ffff:127.0.0.1"])
    assert.ok(isLoopbackAddress(ip), ip);
  for (const ip of [
    "10.0.0.1",
    "128.0.0.1",
    "::",
    "::ffff:10.0.0.1",
    "fe80::1",
    "1127.0.0.1",
    "127.0.0.1.example",
  ]) {
    assert.ok(!isLoopbackAddress(ip), ip);
  }
});

test("the OpenAPI document gives every operation an operationId, summary, description and security, and names the server", async () => {
  await withApp(async (app) => {
    const doc = (await app.inject({ method: "GET", url: "/v1/openapi.json" })).json();
    assert.deepEqual(doc.servers, [{ url: "/", description: "this node" }]);
    assert.deepEqual(doc.security, [], "public API: no credentials");
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, Record<string, unknown>>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        assert.equal(typeof op.operationId, "string", `${where}: operationId`);
        assert.ok(!ids.has(op.operationId as string), `${where}: operationId is unique`);
        ids.add(op.operationId as string);
        assert.ok((op.summary as string).length > 0, `${where}: summary`);
        assert.ok((op.description as string).length > 0, `${where}: description`);
        assert.deepEqual(op.security, [], `${where}: security`);
      }
    }
    assert.deepEqual([...ids].sort(), [
      "getAccount",
      "getAccountProof",
      "getBlock",
      "getChain",
      "getHeaders",
      "getHealth",
      "getMempool",
      "getMetrics",
      "getModuleProof",
      "getPeers",
      "getStatus",
      "getTx",
      "listAccountTxs",
      "submitBlock",
      "submitTx",
    ]);
  });
});

test("a path parameter longer than declared is our 400 BAD_REQUEST, not the router's 414", async () => {
  await withApp(async (app) => {
    const cases = [
      `/v1/accounts/${"q".repeat(MAX_ADDRESS_LENGTH + 1)}`,
      `/v1/proof/accounts/${"q".repeat(1000)}`,
      `/v1/accounts/${"q".repeat(MAX_PARAM_LENGTH)}`,
      `/v1/blocks/${"1".repeat(101)}`,
      `/v1/blocks/${"a".repeat(65)}`,
      `/v1/txs/${"a".repeat(101)}`,
    ];
    for (const url of cases) {
      const msg = assertError(await app.inject({ method: "GET", url }), 400, "BAD_REQUEST");
      assert.match(msg, /params\/(address|id|hash)/, `${url.slice(0, 30)}…: ${msg}`);
    }
    // Within the declared length, an address is the route's to judge.
    assertError(
      await app.inject({ method: "GET", url: `/v1/accounts/tel1${"q".repeat(MAX_ADDRESS_LENGTH - 4)}` }),
      400,
      "ADDRESS_INVALID",
    );
  });
});

test("routeDocProblems names what a route lacks; hidden and HEAD routes are not checked", () => {
  const schema = {
    operationId: "getThing",
    summary: "A thing",
    description: "One thing.",
    params: Type.Object({ id: Type.String({ maxLength: 10 }), n: Type.Integer() }),
  };
  assert.deepEqual(routeDocProblems({ method: "GET", url: "/v1/things/:id", schema }), []);
  assert.deepEqual(
    routeDocProblems({
      method: ["GET", "HEAD"],
      url: "/v1/things/:id",
      schema: { summary: "A thing", params: Type.Object({ id: Type.String() }) },
    }).map((p) => `${p.method} ${p.problem}`),
    ["GET no operationId", "GET no description", 'GET path parameter "id" has no maxLength'],
  );
  assert.match(
    routeDocProblems({
      method: "GET",
      url: "/v1/x/:id",
      schema: { ...schema, params: Type.Object({ id: Type.String({ maxLength: MAX_PARAM_LENGTH }) }) },
    })[0].problem,
    /maxLength 16384, not below 16384/,
  );
  assert.deepEqual(routeDocProblems({ method: "HEAD", url: "/v1/x", schema: {} }), []);
  assert.deepEqual(routeDocProblems({ method: "GET", url: "/v1/x", schema: { hide: true } }), []);
});

test("a module route without operationId, description or a parameter's maxLength stops the API from starting", async () => {
  const sloppy: Module = {
    name: "sloppy",
    kinds: {},
    routes(app) {
      app.get(
        "/v1/sloppy/:key",
        { schema: { summary: "A sloppy entry", params: Type.Object({ key: Type.String() }) } },
        async () => ({ ok: true }),
      );
    },
  };
  const { node } = fakeNode([sloppy]);
  await assert.rejects(createApiServer(node), (e: TelchainError) => {
    assert.equal(e.code, "API_ROUTE_UNDOCUMENTED");
    assert.match(
      e.message,
      /sloppy route incomplete: GET \/v1\/sloppy\/:key: no operationId; .*no description; .*"key" has no maxLength/,
    );
    return true;
  });
});

test("every module route is documented: the API starts with the whole module list", async () => {
  await withApp(
    async (app) => {
      const doc = (await app.inject({ method: "GET", url: "/v1/openapi.json" })).json();
      const ops = Object.values(
        doc.paths as Record<string, Record<string, { operationId?: string }>>,
      ).flatMap((p) => Object.values(p).map((o) => o.operationId));
      for (const id of ["getNumber", "getDevice", "getCarrier", "getStatus"]) assert.ok(ops.includes(id), id);
      assert.equal(new Set(ops).size, ops.length, "operationIds are unique");
    },
    { modules: allModules() },
  );
});
