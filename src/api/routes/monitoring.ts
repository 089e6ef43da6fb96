/**
 * Monitoring routes: GET /metrics (Prometheus text format) and GET /v1/health (for load
 * balancers and systemd), plus the hooks that count every API answer by route pattern,
 * status and error code.
 */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { TelchainError } from "../../errors.js";
import type { NodeMetrics } from "../../node/metrics.js";
import type { NodeApi } from "../../node/types.js";
import { defineRoute, registerRoute, routeSchema } from "../route.js";

/** Default of how many blocks a node may be behind a heavier chain it imports and still be healthy. */
export const DEFAULT_HEALTH_MAX_LAG = 10;

/** Prometheus text exposition format 0.0.4 (what prom-client writes). */
export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export const getMetricsRoute = defineRoute({
  method: "GET",
  url: "/metrics",
  operationId: "getMetrics",
  summary: "Prometheus metrics of the node",
  description:
    "The node's metrics in the Prometheus text exposition format (0.0.4): chain height and head age, " +
    "peers, mempool, block import time and transactions per block, reorganisations, sync state, " +
    "mining hash rate, API requests and errors by route and code, the modules' own counters and the " +
    "Node.js process (all prefixed `telchain_`). The series are listed in docs/operating.md.",
  tags: ["monitoring"],
  response: Type.String({ description: "Prometheus text exposition format" }),
});

export const HealthSchema = Type.Object(
  {
    status: Type.Literal("ok"),
    height: Type.Integer({ minimum: 0, description: "height of the node's head" }),
    bestPeerHeight: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description:
        "height of the heavier chain the node is importing (its headers proved the work); null when not syncing",
    }),
    behind: Type.Integer({ minimum: 0, description: "blocks between the head and bestPeerHeight" }),
    maxLag: Type.Integer({ minimum: 0, description: "how many blocks behind still counts as ready" }),
    peers: Type.Integer({ minimum: 0 }),
    syncing: Type.Boolean(),
  },
  { description: "The node is ready to serve." },
);

export const getHealthRoute = defineRoute({
  method: "GET",
  url: "/v1/health",
  operationId: "getHealth",
  summary: "Readiness for load balancers and systemd",
  description:
    "200 with `status: ok` when the chain is open and the node is not behind a heavier chain it is " +
    "importing by more than `maxLag` blocks (the node's --health-max-lag, default 10). A height a peer " +
    "only claims does not count: its headers must first prove more work than ours. Otherwise 503 " +
    "NODE_NOT_READY, whose message says why (e.g. the height and the sync's target).",
  tags: ["monitoring"],
  response: HealthSchema,
});

export function monitoringRoutes(
  app: FastifyInstance,
  node: NodeApi,
  metrics: NodeMetrics,
  maxLag: number = DEFAULT_HEALTH_MAX_LAG,
): void {
  const schema = routeSchema(getMetricsRoute);
  app.route({
    method: getMetricsRoute.method,
    url: getMetricsRoute.url,
    schema: {
      ...schema,
      response: {
        ...schema.response,
        200: {
          description: getMetricsRoute.summary,
          content: { [METRICS_CONTENT_TYPE]: { schema: getMetricsRoute.response } },
        },
      },
    },
    handler: async (_request, reply) => {
      const { body } = await metrics.render();
      reply.type(METRICS_CONTENT_TYPE);
      return body;
    },
  });

  registerRoute(app, getHealthRoute, async () => {
    let status: ReturnType<NodeApi["status"]>;
    try {
      status = node.status();
    } catch (e) {
      throw new TelchainError("NODE_NOT_READY", `the chain is not open: ${(e as Error).message}`);
    }
    const peers = node.peers();
    // Only a chain whose headers proved more work than ours counts (the sync imports it then): a
    // height a peer merely claims would let any peer make this node unready (issue 10).
    const best = status.syncing ? status.targetHeight : null;
    const behind = best === null ? 0 : Math.max(0, best - status.height);
    if (behind > maxLag) {
      throw new TelchainError(
        "NODE_NOT_READY",
        `${status.syncing ? "syncing" : "behind"}: height ${status.height}, best peer ${best} ` +
          `(${behind} blocks behind, at most ${maxLag} allowed)`,
      );
    }
    return {
      status: "ok" as const,
      height: status.height,
      bestPeerHeight: best,
      behind,
      maxLag,
      peers: peers.length,
      syncing: status.syncing,
    };
  });
}

/**
 * Counts every answer of the API by method, route pattern (never the raw URL: unknown
 * routes count as "unmatched") and status, and error answers by their code. Installed
 * before the routes are registered.
 */
export function countApiAnswers(app: FastifyInstance, metrics: NodeMetrics): void {
  const codes = new WeakMap<FastifyRequest, string>();
  app.addHook("onSend", async (request, reply, payload) => {
    if (reply.statusCode >= 400 && typeof payload === "string") {
      try {
        const code = (JSON.parse(payload) as { error?: { code?: unknown } }).error?.code;
        if (typeof code === "string") codes.set(request, code);
      } catch {
        // Not the one error shape: counted with code "unknown".
      }
    }
    return payload;
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics.apiAnswered(request.method, route, reply.statusCode, codes.get(request));
  });
}
