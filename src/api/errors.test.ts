/**
 * Fastify's own errors answer the one shape `{ "error": { "code", "message" } }` with a
 * declared telchain code and the status of its class: real requests to the API server,
 * through inject and through a listening socket (raw paths the URL parser leaves alone).
 */
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import type { FastifyInstance } from "fastify";
import { errorSpec } from "../errors.js";
import type { NodeApi } from "../node/types.js";
import { STATUS_OF_CLASS } from "./errors.js";
import { MAX_PARAM_LENGTH } from "./route.js";
import { createApiServer } from "./server.js";

const H64 = "ab".repeat(32);

/** Enough of a node for the routes these tests reach. */
const node = {
  modules: () => [],
  block: () => undefined,
  tx: () => undefined,
  submitTx: async () => ({ hash: H64 }),
  submitBlock: async () => ({ hash: H64, status: "head" }),
} as unknown as NodeApi;

async function withApp(fn: (app: FastifyInstance) => Promise<void>): Promise<void> {
  const app = await createApiServer(node);
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

/** POST /v1/txs with `payload` sent as `contentType` (JSON unless told). */
const postTx = (app: FastifyInstance, payload: string, contentType = "application/json") =>
  app.inject({ method: "POST", url: "/v1/txs", payload, headers: { "content-type": contentType } });

/** Asserts the one error shape, a declared code, and the status of the code's class. */
function assertShape(statusCode: number, body: string, status: number, code: string): string {
  const spec = errorSpec(code);
  assert.ok(spec, `${code} is declared in a catalogue`);
  assert.equal(STATUS_OF_CLASS[spec.class], status, `${code}'s class answers ${status}`);
  assert.equal(statusCode, status, body);
  const parsed = JSON.parse(body) as { error: Record<string, unknown> };
  assert.deepEqual(Object.keys(parsed), ["error"], body);
  assert.deepEqual(Object.keys(parsed.error).sort(), ["code", "message"], body);
  assert.equal(parsed.error.code, code, body);
  assert.equal(typeof parsed.error.message, "string");
  assert.ok((parsed.error.message as string).length > 0, "a message is given");
  return parsed.error.message as string;
}

/** A raw HTTP request, the path sent byte for byte. */
function raw(
  port: number,
  method: string,
  path: string,
  body?: { type: string; data: string },
): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: body ? { "content-type": body.type, "content-length": Buffer.byteLength(body.data) } : {},
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          text += c;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: text, type: String(res.headers["content-type"]) }),
        );
      },
    );
    req.on("error", reject);
    if (body) req.write(body.data);
    req.end();
  });
}

test("a path parameter over the router's maxParamLength is 414 URL_TOO_LONG, not Fastify's shape", async () => {
  await withApp(async (app) => {
    const res = await app.inject({ method: "GET", url: `/v1/blocks/${"a".repeat(MAX_PARAM_LENGTH + 1)}` });
    const msg = assertShape(res.statusCode, res.body, 414, "URL_TOO_LONG");
    assert.doesNotMatch(msg, /a{150}/, "the path is not echoed back in full");
    assert.match(String(res.headers["content-type"]), /^application\/json/);
  });
});

test("bad percent-encoding in the path is 400 BAD_URL", async () => {
  await withApp(async (app) => {
    const res = await app.inject({ method: "GET", url: "/v1/blocks/%zz" });
    assertShape(res.statusCode, res.body, 400, "BAD_URL");
  });
});

test("a body that is not JSON is 415 UNSUPPORTED_MEDIA_TYPE", async () => {
  await withApp(async (app) => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/octet-stream"]) {
      const res = await postTx(app, "tx=00", type);
      assertShape(res.statusCode, res.body, 415, "UNSUPPORTED_MEDIA_TYPE");
    }
  });
});

test("a body over the body limit is 413 PAYLOAD_TOO_LARGE", async () => {
  await withApp(async (app) => {
    const res = await postTx(app, JSON.stringify({ tx: "00".repeat(5 * 1024 * 1024 + 1) }));
    assertShape(res.statusCode, res.body, 413, "PAYLOAD_TOO_LARGE");
  });
});

test("malformed and empty JSON bodies are 400 BAD_REQUEST", async () => {
  await withApp(async (app) => {
    for (const payload of ["{not json", '{"tx": "00"', ""]) {
      const res = await postTx(app, payload);
      assertShape(res.statusCode, res.body, 400, "BAD_REQUEST");
    }
  });
});

test("schema validation failures are 400 BAD_REQUEST naming the field", async () => {
  await withApp(async (app) => {
    const bad = await app.inject({ method: "GET", url: "/v1/blocks/not-an-id" });
    assert.match(assertShape(bad.statusCode, bad.body, 400, "BAD_REQUEST"), /params\/id/);
    const body = await postTx(app, JSON.stringify({ nope: 1 }));
    assertShape(body.statusCode, body.body, 400, "BAD_REQUEST");
  });
});

test("unknown routes and unknown methods on a route are 404 NOT_FOUND", async () => {
  await withApp(async (app) => {
    for (const [method, url] of [
      ["GET", "/v1/nothing-here"],
      ["DELETE", "/v1/status"],
      ["PUT", "/v1/txs"],
    ] as const) {
      const res = await app.inject({ method, url });
      assertShape(res.statusCode, res.body, 404, "NOT_FOUND");
    }
  });
});

test("over a real socket: raw bad and long paths, bad bodies and unknown routes answer the one shape", async () => {
  await withApp(async (app) => {
    await app.listen({ host: "127.0.0.1", port: 0 });
    const port = (app.server.address() as AddressInfo).port;

    // Longer than the schema allows (64) but within the router's limit: the schema's 400.
    const long = await raw(port, "GET", `/v1/blocks/${"9".repeat(101)}`);
    assertShape(long.status, long.body, 400, "BAD_REQUEST");
    assert.match(long.type, /^application\/json/);

    const badUrl = await raw(port, "GET", "/v1/txs/%E0%A4%A");
    assertShape(badUrl.status, badUrl.body, 400, "BAD_URL");

    const media = await raw(port, "POST", "/v1/txs", { type: "text/plain", data: "00" });
    assertShape(media.status, media.body, 415, "UNSUPPORTED_MEDIA_TYPE");

    const json = await raw(port, "POST", "/v1/txs", { type: "application/json", data: "{" });
    assertShape(json.status, json.body, 400, "BAD_REQUEST");

    const missing = await raw(port, "GET", "/nowhere");
    assertShape(missing.status, missing.body, 404, "NOT_FOUND");
  });
});
