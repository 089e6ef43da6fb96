/**
 * The node's HTTP API (Fastify). JSON only, every request and response described by a
 * TypeBox schema, the OpenAPI document at GET /v1/openapi.json, rate limited per IP.
 * The caller decides where to listen (`app.listen`).
 *
 * Every route must carry an operationId, a summary and a description, and a maxLength on
 * its string path parameters (src/api/route.ts): a core route that lacks one stops the
 * server from starting; a module's is listed by `routeProblems(app)` (and refused too
 * with `moduleRouteDocs: "refuse"`).
 */
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { TelchainError } from "../errors.js";
import type { NodeApi } from "../node/types.js";
import { answerFrameworkError, installErrorHandlers } from "./errors.js";
import { MAX_PARAM_LENGTH, type RouteDocProblem, routeDocProblems } from "./route.js";
import { accountRoutes } from "./routes/accounts.js";
import { chainRoutes } from "./routes/chain.js";
import { txRoutes } from "./routes/txs.js";

export interface ApiServerOptions {
  /** A pino-compatible logger; false or absent = no logging. */
  logger?: FastifyBaseLogger | false;
  /** Requests per IP per time window (default 600 per minute). */
  rateLimit?: { max: number; timeWindow: string | number };
  /** The API's URL in the OpenAPI document's `servers` (default "/": wherever it was fetched from). */
  serverUrl?: string;
  /**
   * What to do with a module route that lacks an operationId, summary, description or a
   * path parameter's maxLength: "warn" (default) lists it in `routeProblems(app)`, logs a
   * warning and gives it a generated operationId, so the document stays valid; "refuse"
   * makes createApiServer fail naming the route. Core routes are always refused.
   */
  moduleRouteDocs?: "warn" | "refuse";
}

/** Tags of the core routes, with their descriptions (modules' tags are their own). */
const CORE_TAGS = [
  { name: "chain", description: "Node status, blocks and the mempool." },
  { name: "network", description: "The node's peer-to-peer connections." },
  { name: "txs", description: "Looking up and submitting transactions." },
  { name: "accounts", description: "Balances and nonces, with or without a Merkle proof." },
];

const problemsOf = new WeakMap<FastifyInstance, RouteDocProblem[]>();

/**
 * Module routes registered on `app` that lack an operationId, summary, description or a
 * path parameter's maxLength (one entry per missing item); empty when all are complete.
 */
export function routeProblems(app: FastifyInstance): RouteDocProblem[] {
  return [...(problemsOf.get(app) ?? [])];
}

/** An operationId made from a route without one: GET /v1/enum/commits/:hash → getEnumCommitsByHash. */
export function generatedOperationId(method: string, url: string): string {
  const words = url
    .split("/")
    .filter((part) => part !== "" && part !== "v1")
    .map((part) => (part.startsWith(":") ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter((w) => w !== "");
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

/** Blocks are submitted as hex in JSON: twice the maximum block size, plus room. */
const BODY_LIMIT = 10 * 1024 * 1024;
const DEFAULT_RATE_LIMIT = { max: 600, timeWindow: "1 minute" };

export async function createApiServer(node: NodeApi, opts: ApiServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT,
    frameworkErrors: answerFrameworkError,
    // Above any declared path parameter's maxLength: a too-long one gets its schema's 400.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Per-request lines go to debug (hook below); Fastify's own would be info.
    logController: new LogController({ disableRequestLogging: true }),
    // Unknown fields are refused (additionalProperties: false), not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
  });

  // JSON only: drop Fastify's default text/plain parser, so anything else is a 415.
  app.removeContentTypeParser("text/plain");

  await app.register(rateLimit, {
    ...DEFAULT_RATE_LIMIT,
    ...opts.rateLimit,
    errorResponseBuilder: (_request, context) =>
      new TelchainError(
        "RATE_LIMITED",
        `too many requests (at most ${context.max} per time window); retry in ${context.after}`,
      ),
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "telchain node API",
        version: "1",
        description: "Status, blocks, transactions and accounts of a telchain node, plus module routes.",
        license: { name: "MIT", url: "https://opensource.org/licenses/MIT" },
      },
      servers: [{ url: opts.serverUrl ?? "/", description: "this node" }],
      // Every route is public: no credentials. (A route that needs some declares its own.)
      security: [],
      tags: CORE_TAGS,
    },
  });

  const problems: RouteDocProblem[] = [];
  problemsOf.set(app, problems);
  let registering = "core";
  app.addHook("onRoute", (route) => {
    const found = routeDocProblems(route);
    if (found.length === 0) return;
    const listed = found.map((p) => `${p.method} ${p.url}: ${p.problem}`).join("; ");
    if (registering === "core" || opts.moduleRouteDocs === "refuse") {
      throw new TelchainError("API_ROUTE_UNDOCUMENTED", `${registering} route incomplete: ${listed}`);
    }
    problems.push(...found);
    app.log.warn({ module: registering, problems: found }, "module route incomplete");
    if (typeof route.schema?.operationId !== "string") {
      const method = Array.isArray(route.method) ? route.method[0] : route.method;
      route.schema = { ...route.schema, operationId: generatedOperationId(method, route.url) };
    }
  });

  installErrorHandlers(app);
  app.addHook("onResponse", async (request, reply) => {
    request.log.debug(
      { method: request.method, url: request.url, status: reply.statusCode, ms: reply.elapsedTime },
      "api request",
    );
  });

  app.get("/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  chainRoutes(app, node);
  txRoutes(app, node);
  accountRoutes(app, node);
  for (const module of node.modules()) {
    registering = module.name;
    module.routes?.(app, node.queryContext(module.name));
  }

  return app;
}
