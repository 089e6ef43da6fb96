/**
 * Typed functions for the modules' routes, built from the SAME declarations the server registers:
 * a lookup (src/module/lookup.ts) and a list (src/module/list.ts) through lookupRoute / listRoute,
 * a module's own `defineRoute` objects as they are. Each module's client.ts names its functions
 * after the routes' operationIds (`getDevice(client, { imei })`, `listDevices(client, { owner })`);
 * src/modules/clients.ts gathers them by module for the SDK. Browser-safe.
 */
import { listRoute } from "../api/list-route.js";
import { lookupRoute } from "../api/lookup-route.js";
import type { Page, PageQuery } from "../api/paging.js";
import type { AnyRoute, RouteResult } from "../api/route.js";
import type { ListDeclaration } from "../module/list.js";
import type { LookupDeclaration } from "../module/lookup.js";
import type { ApiClient } from "./api-client.js";
import { callRoute, type RouteCallArgs } from "./route-call.js";

/** A typed call of one route; `route` is the declaration it calls (the SDK's route table test reads it). */
export interface RouteAction<Args extends unknown[], Result> {
  (client: ApiClient, ...args: Args): Promise<Result>;
  readonly route: AnyRoute;
}

/** `[args]` when some field is required, `[args?]` when none is. */
type CallArgs<A> = Record<never, never> extends A ? [args?: A] : [args: A];

function action<Args extends unknown[], Result>(route: AnyRoute): RouteAction<Args, Result> {
  const call = (client: ApiClient, ...args: Args) =>
    callRoute(client, route, ...(args as unknown as RouteCallArgs<AnyRoute>)) as Promise<Result>;
  return Object.assign(call, { route });
}

/** The typed call of a `defineRoute` route: arguments and result from its schemas. */
export const routeAction = <R extends AnyRoute>(route: R): RouteAction<RouteCallArgs<R>, RouteResult<R>> =>
  action(route);

/**
 * The typed call of a module's lookup (`tag`: the module's name, as the server registers it):
 * `Param` is the path parameter's name ("imei"), `T` the record's view type.
 */
export const lookupAction = <T, Param extends string>(
  lookup: LookupDeclaration,
  tag: string,
): RouteAction<[args: Record<Param, string>], T> => action(lookupRoute(lookup, tag));

/**
 * The typed call of a module's list: `Filters` its filter fields (e.g. `{ owner: string }`, each
 * optional when there are several: the node wants exactly one), `T` the item's view type; with
 * the paging fields `limit` and `cursor` (a previous page's `next`).
 */
export const listAction = <T, Filters extends object = Record<never, never>>(
  list: ListDeclaration,
  tag: string,
): RouteAction<CallArgs<Filters & PageQuery>, Page<T>> => action(listRoute(list, tag));
