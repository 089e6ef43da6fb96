/**
 * The GET route of a module's list (src/module/list.ts): the filters as query fields (exactly
 * one required when there are any), paging by src/api/paging.ts, the items in key order.
 */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { decodeAddress } from "../crypto/address.js";
import type { QueryContext } from "../module/interface.js";
import type { ListDeclaration, ListFilter, ModuleList } from "../module/list.js";
import { oneFilter, PageQueryFields, PageSchema, readPage } from "./paging.js";
import { defineRoute, registerRoute } from "./route.js";
import { MAX_ADDRESS_LENGTH } from "./schemas.js";

const filterField = (f: ListFilter) =>
  "address" in f
    ? Type.String({ maxLength: MAX_ADDRESS_LENGTH, description: `${f.help} (a tel1… address)` })
    : Type.String({ maxLength: f.maxLength, description: f.help });

/** "The numbers that an address holds (?holder=) or that a carrier serves (?carrier=)". */
const listed = (list: ListDeclaration) =>
  [
    `The ${list.noun}`,
    Object.entries(list.filters ?? {})
      .map(([name, f]) => `${f.help} (?${name}=)`)
      .join(" or "),
  ]
    .filter(Boolean)
    .join(" ");

/** The route a list declares (the server registers it; the SDK's client calls it). */
export function listRoute(list: ListDeclaration, tag: string) {
  const filters = Object.entries(list.filters ?? {});
  const fields = Object.fromEntries(
    filters.map(([name, f]) => [name, filters.length === 1 ? filterField(f) : Type.Optional(filterField(f))]),
  );
  const refusals = [
    filters.length > 0 ? "400 BAD_REQUEST without exactly one filter" : "",
    filters.some(([, f]) => "address" in f) ? "ADDRESS_INVALID for a malformed address" : "",
    "BAD_CURSOR for a cursor no page gave",
  ].filter(Boolean);
  return defineRoute({
    method: "GET",
    url: list.path,
    operationId: list.operationId,
    summary: list.summary,
    description:
      `${listed(list)}, in ${list.order}: a page of \`limit\` ${list.noun} and the \`next\` cursor (null at ` +
      `the end).${list.about ? ` ${list.about}` : ""} ${refusals.join(", ")}.`,
    tags: [tag],
    querystring: Type.Object({ ...fields, ...PageQueryFields }),
    response: PageSchema(list.schema, `a page of ${list.noun}, in ${list.order}`),
  });
}

/** The prefix a list request scans: its one filter's, or the list's own. */
function prefixOf(list: ModuleList, query: Record<string, unknown>): Uint8Array {
  const filters = list.filters ?? {};
  const names = Object.keys(filters);
  if (names.length === 0) return list.prefix ?? new Uint8Array(0);
  const name = oneFilter(query, names);
  const f = filters[name] as ListFilter;
  const value = String(query[name]);
  return "address" in f ? f.address(decodeAddress(value)) : f.text(value);
}

const decoder = new TextDecoder();

/** Registers `list`'s route on `app`, over a module's query context. */
export function registerListRoute(
  app: FastifyInstance,
  q: QueryContext,
  tag: string,
  list: ModuleList,
): void {
  registerRoute(app, listRoute(list, tag), async ({ query }) =>
    readPage(q, prefixOf(list, query as Record<string, unknown>), query, (rest, value) =>
      list.item(q, decoder.decode(rest), value),
    ),
  );
}
