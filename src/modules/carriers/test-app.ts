/** Test support: a Fastify app with the API server's error shape and a module's routes. */
import Fastify, { type FastifyInstance } from "fastify";
import { classifyError, errorBody } from "../../api/errors.js";
import type { QueryContext } from "../../module/interface.js";

export async function routesApp(
  routes: (app: FastifyInstance, q: QueryContext) => void,
  q: QueryContext,
): Promise<FastifyInstance> {
  const app = Fastify();
  // the API server's error shape (src/api/errors.ts), without its rate limiter
  app.setErrorHandler((err, _request, reply) => {
    const { status, code, message } = classifyError(err);
    return reply.status(status).send(errorBody(code, message));
  });
  routes(app, q);
  await app.ready();
  return app;
}
