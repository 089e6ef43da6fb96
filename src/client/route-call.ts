/**
 * Calls a route declared with `defineRoute` (src/api/route.ts): arguments and result are
 * typed from the route's TypeBox schemas. The arguments are one flat object; each field
 * goes where the route's schemas put it (path parameter, query string or JSON body).
 */
import type { TObject } from "@sinclair/typebox";
import type { AnyRoute, RouteArgs, RouteResult } from "../api/route.js";
import type { ApiClient } from "./api-client.js";

/** `[args]` when the route needs some, `[args?]` when every field is optional or there are none. */
export type RouteCallArgs<R> =
  Record<never, never> extends RouteArgs<R> ? [args?: RouteArgs<R>] : [args: RouteArgs<R>];

function keysOf(schema: TObject | undefined): string[] {
  return Object.keys(schema?.properties ?? {});
}

/** The path (with its query string) and the body of a call to `route`. */
export function routeRequest(
  route: AnyRoute,
  args: Record<string, unknown> = {},
): { path: string; body: Record<string, unknown> | undefined } {
  let path = route.url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = args[name];
    if (value === undefined) throw new TypeError(`${route.operationId}: path parameter "${name}" is missing`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const key of keysOf(route.querystring)) {
    if (args[key] !== undefined) query.set(key, String(args[key]));
  }
  if (query.size > 0) path += `?${query}`;
  let body: Record<string, unknown> | undefined;
  if (route.body) {
    body = {};
    for (const key of keysOf(route.body)) if (args[key] !== undefined) body[key] = args[key];
  }
  return { path, body };
}

/** Calls `route` on the node behind `client`; resolves to the route's success body. */
export function callRoute<R extends AnyRoute>(
  client: ApiClient,
  route: R,
  ...[args]: RouteCallArgs<R>
): Promise<RouteResult<R>> {
  const { path, body } = routeRequest(route, args as Record<string, unknown> | undefined);
  return client.request<RouteResult<R>>(route.method, path, body);
}
