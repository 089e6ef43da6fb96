/**
 * One record a module shows by id, declared as data (Module.lookups): the core turns it into a
 * `GET path/:param` route (src/api/lookup-route.ts) and `telchain <command> show <param>`
 * (src/cli/show-command.ts). The same `param.parse` checks the id in both, so the CLI refuses
 * a malformed one with the route's own code before the node is asked.
 *
 *   defineLookup({
 *     path: "/v1/numbers/:e164", operationId: "getNumber", summary: "Number portability dip",
 *     description: "...", command: "number", about: "a number: holder, carrier, history",
 *     param: { help: "+15551230000 or 15551230000", maxLength: 40, parse: (raw) => digitsOf(raw) },
 *     schema: NumberSchema, get: (q, digits) => viewOrNotFound(q, digits), format: formatNumber,
 *   });
 */
import type { Static, TSchema } from "@sinclair/typebox";
import type { QueryContext } from "./interface.js";

export interface ModuleLookup<T extends TSchema = TSchema> {
  /** The route with its one parameter, e.g. "/v1/numbers/:e164". */
  path: string;
  operationId: string;
  summary: string;
  /** What the route answers and when it refuses (which codes). */
  description: string;
  param: {
    help: string;
    maxLength: number;
    /** The id a raw parameter names (throws a coded error for a malformed one). */
    parse(raw: string): string;
  };
  schema: T;
  /** The record of an id at the head; undefined is 404 NOT_FOUND with the `notFound` message. */
  get(q: QueryContext, id: string): Static<T> | undefined;
  notFound(id: string): string;
  /** The CLI command `show` goes under ("number": `telchain number show <e164>`), and its help. */
  command: string;
  about: string;
  /** The CLI's human output. */
  format(item: Static<T>): string;
}

/**
 * What a lookup declares about its route, without the server's `get` or the CLI's part: what
 * src/api/lookup-route.ts turns into the route, for the server and for the SDK's client alike.
 */
export type LookupDeclaration<T extends TSchema = TSchema, P extends string = string> = Pick<
  ModuleLookup<T>,
  "operationId" | "summary" | "description" | "param" | "schema"
> & { path: P };

/**
 * Declares a lookup, keeping its record type for `get` and `format`, and its path as a literal
 * type (the SDK's typed client names its parameter from it: `getDevice(client, { imei })`).
 */
export const defineLookup = <T extends TSchema, P extends string>(
  lookup: ModuleLookup<T> & { path: P },
): ModuleLookup<T> & { path: P } => lookup;

/** The name of a lookup's path parameter ("e164" in "/v1/numbers/:e164"). */
export const paramName = (lookup: Pick<ModuleLookup, "path">): string =>
  lookup.path.slice(lookup.path.lastIndexOf(":") + 1);
