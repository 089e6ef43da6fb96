/**
 * Routes as data, in the spirit of viem's actions: one `defineRoute({...})` object per
 * HTTP route carries its method, URL, OpenAPI text and TypeBox schemas. The server
 * registers it with a handler typed from those schemas (`registerRoute`), and the client
 * calls it with arguments and a result typed from the same schemas (`callRoute` in
 * src/client/route-call.ts, wrapped by one action per route in src/client/actions/).
 *
 * Modules can (and should) define their routes the same way, e.g. in a module's routes.ts:
 *
 * ```ts
 * import { Type } from "@sinclair/typebox";
 * import { defineRoute, registerRoute } from "../../api/route.js";
 *
 * export const getCarrierRoute = defineRoute({
 *   method: "GET",
 *   url: "/v1/carriers/:id",
 *   operationId: "getCarrier",
 *   summary: "A carrier: operators, routing prefixes, SIP ingress",
 *   description: "One registered carrier by id; 404 NOT_FOUND when no carrier has that id.",
 *   tags: ["carriers"],
 *   params: Type.Object({ id: Type.String({ maxLength: 16 }) }),
 *   response: CarrierSchema,
 * });
 *
 * export function carrierRoutes(app: FastifyInstance, q: QueryContext): void {
 *   registerRoute(app, getCarrierRoute, async (request) => lookUp(q, request.params.id));
 * }
 *
 * // client side (typed: { id: string } in, Static<typeof CarrierSchema> out):
 * const carrier = await callRoute(client, getCarrierRoute, { id: "c1" });
 * ```
 *
 * Rules the server checks for every route (see `routeDocProblems`): an operationId, a
 * summary and a description, and a `maxLength` (below MAX_PARAM_LENGTH) on every string
 * path parameter, so that an over-long parameter gets the schema's 400 in the API's error
 * shape rather than the router's 414.
 */
import type { Static, TObject, TSchema } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ErrorResponses } from "./schemas.js";
import { strictBodyCompiler } from "./typebox.js";

/**
 * The router's `maxParamLength` (Fastify's default is 100, answered with a 414
 * FST_ERR_MAX_PARAM_LENGTH outside the API's error shape). It is set to Node's default
 * request-header limit (16 KiB, which bounds the request line), so the router never cuts a
 * parameter an HTTP request can carry: the declared `maxLength` of each string path
 * parameter (required, and below this) is the only limit, and a longer parameter gets the
 * schema's 400 BAD_REQUEST. The largest the core declares is an address (128).
 */
export const MAX_PARAM_LENGTH = 16 * 1024;

export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One HTTP route as data. Build it with `defineRoute`, which keeps the schema types. */
export interface RouteDefinition<
  Params extends TObject | undefined = TObject | undefined,
  Query extends TObject | undefined = TObject | undefined,
  Body extends TObject | undefined = TObject | undefined,
  Result extends TSchema = TSchema,
> {
  readonly method: RouteMethod;
  /** Fastify syntax: `/v1/blocks/:id`. */
  readonly url: string;
  /** Unique in the API, camelCase verb first (`getBlock`); the client action's name. */
  readonly operationId: string;
  /** One line, shown as the operation's title. */
  readonly summary: string;
  /** What the route returns and when it fails (which error codes). */
  readonly description: string;
  readonly tags: readonly string[];
  /** Path parameters; every string one needs a `maxLength` (< MAX_PARAM_LENGTH). */
  readonly params?: Params;
  readonly querystring?: Query;
  /** JSON body, validated strictly (no type coercion, unknown fields refused). */
  readonly body?: Body;
  /** Status of a success (default 200). */
  readonly status?: 200 | 201 | 202;
  /** Body of a success. Errors are always `{ "error": { "code", "message" } }` (4xx/5xx). */
  readonly response: Result;
}

// biome-ignore lint/suspicious/noExplicitAny: matches a route of any schema types
export type AnyRoute = RouteDefinition<any, any, any, any>;

type StaticOr<S, Else> = S extends TSchema ? Static<S> : Else;

/** Path parameters of a route (`undefined` when it has none). */
export type RouteParams<R> =
  R extends RouteDefinition<infer P, infer _Q, infer _B, infer _R> ? StaticOr<P, undefined> : never;
/** Query string of a route (`undefined` when it has none). */
export type RouteQuery<R> =
  R extends RouteDefinition<infer _P, infer Q, infer _B, infer _R> ? StaticOr<Q, undefined> : never;
/** JSON body of a route (`undefined` when it has none). */
export type RouteBody<R> =
  R extends RouteDefinition<infer _P, infer _Q, infer B, infer _R> ? StaticOr<B, undefined> : never;
/** Body of a route's success response. */
export type RouteResult<R> =
  R extends RouteDefinition<infer _P, infer _Q, infer _B, infer Res> ? Static<Res> : never;
/**
 * What a client passes to call a route: path parameters, query fields and body fields
 * in one flat object (their names never overlap: `defineRoute` checks).
 */
export type RouteArgs<R> = OrEmpty<RouteParams<R>> &
  OrEmpty<RouteQuery<R>> &
  OrEmpty<RouteBody<R>> extends infer A
  ? { [K in keyof A]: A[K] }
  : never;
type OrEmpty<T> = T extends undefined ? unknown : T;

/** Declares a route; checks that its parameter, query and body field names do not overlap. */
export function defineRoute<
  Params extends TObject | undefined = undefined,
  Query extends TObject | undefined = undefined,
  Body extends TObject | undefined = undefined,
  Result extends TSchema = TSchema,
>(route: RouteDefinition<Params, Query, Body, Result>): RouteDefinition<Params, Query, Body, Result> {
  const seen = new Set<string>();
  for (const part of [route.params, route.querystring, route.body]) {
    for (const key of Object.keys(part?.properties ?? {})) {
      if (seen.has(key)) throw new Error(`route ${route.operationId}: field "${key}" is declared twice`);
      seen.add(key);
    }
  }
  for (const key of Object.keys(route.params?.properties ?? {})) {
    if (!route.url.includes(`:${key}`)) {
      throw new Error(`route ${route.operationId}: parameter "${key}" is not in ${route.url}`);
    }
  }
  return route;
}

/** The request a handler gets: params, query and body typed from the route's schemas. */
export type RouteRequest<R> = FastifyRequest<{
  Params: RouteParams<R>;
  Querystring: RouteQuery<R>;
  Body: RouteBody<R>;
}>;

/** A route's handler: returns the success body; throws TelchainError for refusals. */
export type RouteHandler<R> = (request: RouteRequest<R>, reply: FastifyReply) => Promise<RouteResult<R>>;

/** The Fastify schema of a route: its OpenAPI text, its schemas and the error responses. */
export function routeSchema(route: AnyRoute) {
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: [...route.tags],
    // Public: no credentials needed.
    security: [],
    ...(route.params ? { params: route.params } : {}),
    ...(route.querystring ? { querystring: route.querystring } : {}),
    ...(route.body ? { body: route.body } : {}),
    response: {
      // The success response's description in the document (else "Default Response").
      [route.status ?? 200]: { ...route.response, description: route.response.description ?? route.summary },
      ...ErrorResponses,
    },
  };
}

/**
 * Registers a route with its handler. A body is validated strictly (strictBodyCompiler);
 * the handler's result is sent with the route's success status.
 */
export function registerRoute<R extends AnyRoute>(
  app: FastifyInstance,
  route: R,
  handler: RouteHandler<R>,
): void {
  // The strict compiler also applies to path and query parameters, without the coercion that
  // non-string ones need: with a body, only string path parameters (e.g. an id parsed by the handler).
  const stringParams = Object.values(route.params?.properties ?? {}).every(
    (p) => (p as TSchema).type === "string",
  );
  if (route.body && (route.querystring || !stringParams)) {
    throw new Error(
      `route ${route.operationId}: a body with query or non-string path parameters is not supported yet`,
    );
  }
  const status = route.status ?? 200;
  app.route({
    method: route.method,
    url: route.url,
    ...(route.body ? { validatorCompiler: strictBodyCompiler } : {}),
    schema: routeSchema(route),
    handler: async (request, reply) => {
      const result = await handler(request as RouteRequest<R>, reply);
      reply.status(status);
      return result;
    },
  });
}

/** One thing a route lacks (for module authors: add it to the route's schema). */
export interface RouteDocProblem {
  method: string;
  url: string;
  problem: string;
}

interface RouteLike {
  method: string | string[];
  url: string;
  schema?: {
    operationId?: unknown;
    summary?: unknown;
    description?: unknown;
    hide?: unknown;
    params?: unknown;
  };
}

/**
 * What a route registered on the server lacks for the OpenAPI document and for parameter
 * limits: operationId, summary, description, and a maxLength below MAX_PARAM_LENGTH on
 * each string path parameter. Hidden routes (`schema.hide`) and HEAD routes are not checked.
 */
export function routeDocProblems(route: RouteLike): RouteDocProblem[] {
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== "HEAD");
  if (methods.length === 0 || route.schema?.hide) return [];
  const s = route.schema ?? {};
  const problems: string[] = [];
  for (const field of ["operationId", "summary", "description"] as const) {
    if (typeof s[field] !== "string" || s[field] === "") problems.push(`no ${field}`);
  }
  const params = (s.params as { properties?: Record<string, { type?: unknown; maxLength?: unknown }> })
    ?.properties;
  for (const [name, p] of Object.entries(params ?? {})) {
    if (p.type !== "string") continue;
    if (typeof p.maxLength !== "number") problems.push(`path parameter "${name}" has no maxLength`);
    else if (p.maxLength >= MAX_PARAM_LENGTH) {
      problems.push(`path parameter "${name}" has maxLength ${p.maxLength}, not below ${MAX_PARAM_LENGTH}`);
    }
  }
  return methods.flatMap((method) => problems.map((problem) => ({ method, url: route.url, problem })));
}
