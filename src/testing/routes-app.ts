/** Test support: a Fastify app with a module's routes over a query context, with the API server's error shape. */
import assert from "node:assert/strict";
import { after, before } from "node:test";
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from "fastify";
import { classifyError, errorBody } from "../api/errors.js";
import { registerListRoute } from "../api/list-route.js";
import { registerLookupRoute } from "../api/lookup-route.js";
import type { Module, QueryContext } from "../module/interface.js";
import type { ModuleTestChain } from "./module-chain.js";

export async function routesApp(module: Module, q: QueryContext): Promise<FastifyInstance> {
  const app = Fastify();
  // the API server's error shape (src/api/errors.ts), without its rate limiter
  app.setErrorHandler((err, _request, reply) => {
    const { status, code, message } = classifyError(err);
    return reply.status(status).send(errorBody(code, message));
  });
  module.routes?.(app, q);
  for (const lookup of module.lookups ?? []) registerLookupRoute(app, q, module.name, lookup);
  for (const list of module.lists ?? []) registerListRoute(app, q, module.name, list);
  await app.ready();
  return app;
}

/**
 * The app of a routes test file (call it at the file's top level): before the tests, `setup`
 * builds the chain's state, then `module`'s routes serve its head; the app is closed after
 * the tests (the chain is the caller's to close).
 */
export function routesUnderTest(module: Module, t: ModuleTestChain, setup: () => Promise<void>) {
  let app: FastifyInstance | undefined;
  before(async () => {
    await setup();
    app = await routesApp(module, t.query(module.name));
  });
  after(() => app?.close());
  const inject = (opts: InjectOptions): Promise<LightMyRequestResponse> => {
    assert.ok(app, "the routes app is made before the tests");
    return app.inject(opts);
  };
  return {
    inject,
    /** A GET: its status and JSON body. */
    async get(url: string) {
      const res = await inject({ method: "GET", url });
      return { status: res.statusCode, body: res.json() };
    },
  };
}

/** A GET answered by `module`'s routes over `q` (a fresh app per call): its status and JSON body. */
export async function getFromRoutes<T>(
  module: Module,
  q: QueryContext,
  url: string,
): Promise<{ status: number; body: T & { error?: { code: string } } }> {
  const app = await routesApp(module, q);
  try {
    const res = await app.inject({ method: "GET", url });
    return { status: res.statusCode, body: res.json() };
  } finally {
    await app.close();
  }
}

/** Asserts that each query of a list route answers 400 with its code. */
export async function assertListRefusals(
  list: (query: string) => Promise<{ status: number; body: { error?: { code: string } } }>,
  cases: readonly (readonly [string, string])[],
): Promise<void> {
  for (const [query, code] of cases) {
    const r = await list(query);
    assert.equal(r.status, 400, query);
    assert.equal(r.body.error?.code, code, query);
  }
}

/** Asserts that each GET answers its status with its error code (the url names a failing case). */
export async function assertRouteRefusals(
  get: (url: string) => Promise<{ status: number; body: { error?: { code: string } } }>,
  cases: readonly (readonly [url: string, status: number, code: string])[],
): Promise<void> {
  for (const [url, status, code] of cases) {
    const r = await get(url);
    assert.deepEqual([r.status, r.body.error?.code], [status, code], url);
  }
}
