/** The GET route of a module's lookup (src/module/lookup.ts): `path/:param` answers one record. */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { TelchainError } from "../errors.js";
import type { QueryContext } from "../module/interface.js";
import { type LookupDeclaration, type ModuleLookup, paramName } from "../module/lookup.js";
import { defineRoute, registerRoute } from "./route.js";

/** The route a lookup declares (the server registers it; the SDK's client calls it). */
export function lookupRoute(lookup: LookupDeclaration, tag: string) {
  const name = paramName(lookup);
  return defineRoute({
    method: "GET",
    url: lookup.path,
    operationId: lookup.operationId,
    summary: lookup.summary,
    description: lookup.description,
    tags: [tag],
    params: Type.Object({
      [name]: Type.String({ maxLength: lookup.param.maxLength, description: lookup.param.help }),
    }),
    response: lookup.schema,
  });
}

export function registerLookupRoute(
  app: FastifyInstance,
  q: QueryContext,
  tag: string,
  lookup: ModuleLookup,
): void {
  const name = paramName(lookup);
  registerRoute(app, lookupRoute(lookup, tag), async ({ params }) => {
    const id = lookup.param.parse(String((params as Record<string, unknown>)[name]));
    const found = lookup.get(q, id);
    if (found === undefined) throw new TelchainError("NOT_FOUND", lookup.notFound(id));
    return found;
  });
}
