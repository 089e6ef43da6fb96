/**
 * The node's HTTP API (Fastify). JSON only, every request and response described by a
 * TypeBox schema, the OpenAPI document at GET /v1/openapi.json, rate limited per IP
 * (loopback clients — the node's own host — are not limited unless asked).
 * The caller decides where to listen (`app.listen`).
 *
 * Every route, the core's and the modules', must carry an operationId, a summary and a
 * description, and a maxLength on its string path parameters (src/api/route.ts): a route
 * that lacks one stops the server from starting (API_ROUTE_UNDOCUMENTED), naming it.
 */
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { TelchainError } from "../errors.js";
import { NodeMetrics } from "../node/metrics.js";
import type { NodeApi } from "../node/types.js";
import { answerClientError, answerFrameworkError, installErrorHandlers } from "./errors.js";
import { registerListRoute } from "./list-route.js";
import { registerLookupRoute } from "./lookup-route.js";
import { MAX_PARAM_LENGTH, routeDocProblems } from "./route.js";
import { accountRoutes } from "./routes/accounts.js";
import { chainRoutes } from "./routes/chain.js";
import { countApiAnswers, monitoringRoutes } from "./routes/monitoring.js";
import { proofRoutes } from "./routes/proofs.js";
import { txRoutes } from "./routes/txs.js";
import { registerStaticSite } from "./static-site.js";

export interface ApiServerOptions {
  /** A pino-compatible logger; false or absent = no logging. */
  logger?: FastifyBaseLogger | false;
  /**
   * Requests per IP per time window (default 600 per minute). Clients on a loopback address
   * (127.0.0.0/8, ::1) are exempt unless `loopback` is true: the node's own host is its
   * operator (scripts, monitoring, the CLI), and a local reverse proxy limits on its side.
   */
  rateLimit?: RateLimitOptions;
  /** The API's URL in the OpenAPI document's `servers` (default "/": wherever it was fetched from). */
  serverUrl?: string;
  /**
   * The node's metrics (GET /metrics); absent: the server makes its own from the NodeApi,
   * without the process metrics (a node passes its own, with them).
   */
  metrics?: NodeMetrics;
  /** GET /v1/health: how many blocks behind a heavier chain being imported still counts as ready (default 10). */
  healthMaxLag?: number;
  /**
   * A folder of static files served at `/` beside the API (the node passes the built web
   * explorer, dist/explorer); absent: only the API. See src/api/static-site.ts.
   */
  site?: string;
}

export interface RateLimitOptions {
  max: number;
  timeWindow: string | number;
  /** Limit loopback clients too (default false: they are exempt). */
  loopback?: boolean;
}

/** 127.0.0.0/8, ::1, and IPv4-mapped 127.x (::ffff:127.0.0.1) — as Node reports a socket's peer. */
export function isLoopbackAddress(ip: string): boolean {
  const v4 = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || ip === "::1" || ip === "0:0:0:0:0:0:0:1";
}

/** Tags of the core routes, with their descriptions (modules' tags are their own). */
const CORE_TAGS = [
  { name: "chain", description: "Node status, blocks and the mempool." },
  { name: "network", description: "The node's peer-to-peer connections." },
  { name: "txs", description: "Looking up and submitting transactions." },
  { name: "accounts", description: "Balances and nonces, with or without a Merkle proof." },
  {
    name: "proofs",
    description: "Any module's record, present or absent, with a Merkle proof against a block's state root.",
  },
  { name: "monitoring", description: "Prometheus metrics and the readiness check." },
];

/** Blocks are submitted as hex in JSON: twice the maximum block size, plus room. */
const BODY_LIMIT = 10 * 1024 * 1024;
export const DEFAULT_RATE_LIMIT = { max: 600, timeWindow: "1 minute" } as const;

export async function createApiServer(node: NodeApi, opts: ApiServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // While closing, our onRequest hook answers 503 NODE_STOPPING in the one error shape.
    return503OnClosing: false,
    // Above any declared path parameter's maxLength: a too-long one gets its schema's 400.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Per-request lines go to debug (hook below); Fastify's own would be info.
    logController: new LogController({ disableRequestLogging: true }),
    // Unknown fields are refused (additionalProperties: false), not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
  });

  // JSON only: drop Fastify's default text/plain parser, so anything else is a 415.
  app.removeContentTypeParser("text/plain");

  const { loopback: limitLoopback = false, ...limit } = { ...DEFAULT_RATE_LIMIT, ...opts.rateLimit };
  await app.register(rateLimit, {
    ...limit,
    // request.ip is the socket's peer (no trustProxy): a forwarded header cannot claim loopback.
    allowList: (request) => !limitLoopback && isLoopbackAddress(request.ip),
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

  let registering = "core";
  app.addHook("onRoute", (route) => {
    const found = routeDocProblems(route);
    if (found.length === 0) return;
    const listed = found.map((p) => `${p.method} ${p.url}: ${p.problem}`).join("; ");
    throw new TelchainError("API_ROUTE_UNDOCUMENTED", `${registering} route incomplete: ${listed}`);
  });

  installErrorHandlers(app);
  app.addHook("onResponse", async (request, reply) => {
    request.log.debug(
      { method: request.method, url: request.url, status: reply.statusCode, ms: reply.elapsedTime },
      "api request",
    );
  });

  const metrics = opts.metrics ?? new NodeMetrics(node, { processMetrics: false });
  countApiAnswers(app, metrics);

  app.get("/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  monitoringRoutes(app, node, metrics, opts.healthMaxLag);
  chainRoutes(app, node);
  txRoutes(app, node);
  accountRoutes(app, node);
  proofRoutes(app, node);
  for (const module of node.modules()) {
    registering = module.name;
    const q = node.queryContext(module.name);
    module.routes?.(app, q);
    for (const lookup of module.lookups ?? []) registerLookupRoute(app, q, module.name, lookup);
    for (const list of module.lists ?? []) registerListRoute(app, q, module.name, list);
  }
  registering = "core";
  if (opts.site !== undefined) registerStaticSite(app, opts.site);

  return app;
}
