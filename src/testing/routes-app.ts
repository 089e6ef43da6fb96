/** Test support: a Fastify app with a module's routes over a query context, with the API server's error shape. */
import Fastify, { type FastifyInstance } from "fastify";
import { classifyError, errorBody } from "../api/errors.js";
import type { Module, QueryContext } from "../module/interface.js";

export async function routesApp(module: Module, q: QueryContext): Promise<FastifyInstance> {
  const app = Fastify();
  // the API server's error shape (src/api/errors.ts), without its rate limiter
  app.setErrorHandler((err, _request, reply) => {
    const { status, code, message } = classifyError(err);
    return reply.status(status).send(errorBody(code, message));
  });
  module.routes?.(app, q);
  await app.ready();
  return app;
}
