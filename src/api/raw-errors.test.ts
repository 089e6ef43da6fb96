/**
 * Errors raised below Fastify — by Node's HTTP parser on the raw socket — answer in the one
 * error shape too: malformed HTTP (400 BAD_REQUEST) and headers over the limit (431
 * HEADERS_TOO_LARGE). Checked over a real socket, as a broken client would see them.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { errorSpec } from "../errors.js";
import type { NodeApi } from "../node/types.js";
import { STATUS_OF_CLASS } from "./errors.js";
import { createApiServer } from "./server.js";

let app: FastifyInstance;
let port: number;
before(async () => {
  app = await createApiServer({ modules: () => [] } as unknown as NodeApi);
  await app.listen({ host: "127.0.0.1", port: 0 });
  port = (app.server.address() as AddressInfo).port;
});
after(() => app.close());

/** Sends raw bytes, returns the status line's code, the headers and the body of the answer. */
function send(bytes: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let text = "";
    socket.on("data", (d) => {
      text += d;
    });
    socket.on("error", reject);
    socket.on("close", () => {
      const [head, body = ""] = text.split("\r\n\r\n");
      resolve({ status: Number(head.split(" ")[1]), headers: head, body });
    });
  });
}

function assertShape(res: { status: number; headers: string; body: string }, status: number, code: string) {
  assert.equal(res.status, status, res.headers);
  assert.match(res.headers, /content-type: application\/json/i);
  const body = JSON.parse(res.body);
  assert.deepEqual(Object.keys(body), ["error"]);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, "string");
  const spec = errorSpec(code);
  assert.ok(spec, `${code} is declared`);
  assert.equal(STATUS_OF_CLASS[spec.class], status);
}

test("malformed HTTP is 400 BAD_REQUEST in the error shape", async () => {
  assertShape(await send("GARBAGE\r\n\r\n"), 400, "BAD_REQUEST");
  assertShape(
    await send("GET /v1/status HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"),
    400,
    "BAD_REQUEST",
  );
});

test("headers over Node's limit are 431 HEADERS_TOO_LARGE in the error shape", async () => {
  const res = await send(`GET /v1/status HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
  assertShape(res, 431, "HEADERS_TOO_LARGE");
});
