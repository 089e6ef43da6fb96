import assert from "node:assert/strict";
import { test } from "node:test";
import { Type } from "@sinclair/typebox";
import { defineRoute, routeSchema } from "./route.js";
import { submitTxRoute } from "./routes/txs.js";

const base = {
  method: "GET" as const,
  operationId: "getThing",
  summary: "A thing",
  description: "One thing.",
  tags: ["things"],
  response: Type.Object({ ok: Type.Boolean() }),
};

test("defineRoute refuses a field declared twice and a parameter missing from the URL", () => {
  assert.throws(
    () =>
      defineRoute({
        ...base,
        url: "/v1/things/:id",
        params: Type.Object({ id: Type.String({ maxLength: 8 }) }),
        querystring: Type.Object({ id: Type.Optional(Type.String()) }),
      }),
    /getThing: field "id" is declared twice/,
  );
  assert.throws(
    () =>
      defineRoute({ ...base, url: "/v1/things", params: Type.Object({ id: Type.String({ maxLength: 8 }) }) }),
    /getThing: parameter "id" is not in \/v1\/things/,
  );
});

test("routeSchema carries the OpenAPI text, public security, the success status and the error shape", () => {
  const schema = routeSchema(submitTxRoute);
  assert.equal(schema.operationId, "submitTx");
  assert.ok(schema.description.length > 0);
  assert.deepEqual(schema.security, []);
  assert.deepEqual(Object.keys(schema.response), ["201", "4xx", "5xx"]);
  assert.equal(schema.body, submitTxRoute.body);
  assert.equal(
    (schema.response as Record<string, { description?: string }>)["201"].description,
    submitTxRoute.summary,
  );
});
