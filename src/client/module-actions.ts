/**
 * Typed functions for the modules' routes, built from the SAME declarations the server registers:
 * a lookup (src/module/lookup.ts) and a list (src/module/list.ts) through lookupRoute / listRoute,
 * a module's own `defineRoute` objects as they are. Each module's client.ts names its functions
 * after the routes' operationIds (`getDevice(client, { imei })`, `listDevices(client, { owner })`);
 * src/modules/clients.ts gathers them by module for the SDK. Browser-safe.
 */

import type { Static, TSchema } from "@sinclair/typebox";
import { listRoute } from "../api/list-route.js";
import { lookupRoute } from "../api/lookup-route.js";
import type { Page, PageQuery } from "../api/paging.js";
import type { AnyRoute, RouteResult } from "../api/route.js";
import type { ListDeclaration, ListFilter } from "../module/list.js";
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

/** The name of a lookup's one path parameter: "imei" for "/v1/devices/:imei". */
type ParamOf<P extends string> = P extends `${string}:${infer Name}` ? Name : string;

/** `true` when `U` is a union of several types. */
type IsUnion<U, All = U> = U extends unknown ? ([All] extends [U] ? false : true) : never;

/** A list's filter fields: none, the one it requires, or several of which the node wants exactly one. */
type FilterArgs<F> = [keyof F] extends [never]
  ? Record<never, never>
  : true extends IsUnion<keyof F>
    ? { [K in keyof F]?: string }
    : { [K in keyof F]: string };

/**
 * The typed call of a module's lookup (`tag`: the module's name, as the server registers it): its
 * argument is the path parameter (`{ imei }`), its result the lookup's schema.
 */
export const lookupAction = <T extends TSchema, P extends string>(
  lookup: LookupDeclaration<T, P>,
  tag: string,
): RouteAction<[args: Record<ParamOf<P>, string>], Static<T>> => action(lookupRoute(lookup, tag));

/**
 * The typed call of a module's list: its filter fields (`{ owner }`; each optional when there are
 * several: the node wants exactly one) and the paging fields `limit` and `cursor` (a previous
 * page's `next`); its result a page of the list's schema.
 */
export const listAction = <T extends TSchema, F extends Record<string, ListFilter>>(
  list: ListDeclaration<T, F>,
  tag: string,
): RouteAction<CallArgs<FilterArgs<F> & PageQuery>, Page<Static<T>>> => action(listRoute(list, tag));
