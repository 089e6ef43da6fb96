/**
 * The routes of the allowances module:
 *   GET /v1/allowances/:id                  a grant, with what is left        (`allowance show`)
 *   GET /v1/allowances?payer= | ?grantee=   the grants a payer gave / a grantee holds (`allowance list`)
 *   GET /v1/allowances/created/:tx          the grant a transaction created (the CLI's grant reads it)
 * The lookup and the list are declared with the kit (Module.lookups/lists); the core makes their
 * routes and commands.
 */
import type { FastifyInstance } from "fastify";
import { defineCreatedRoute } from "../../api/created-route.js";
import { idParam, idParser } from "../../module/ids.js";
import type { QueryContext } from "../../module/interface.js";
import { defineList } from "../../module/list.js";
import { defineLookup } from "../../module/lookup.js";
import { formatGrant, grantLine } from "./format.js";
import { CREATED } from "./schemas.js";
import { grantsByGrantee, grantsByPayer, readCreated, readGrant } from "./store.js";
import { GrantSchema, grantView } from "./views.js";

export const TAG = "allowances";

/** A grant id: 1 to 2^53 − 1 (ALLOWANCES_BAD_ID). */
export const parseId = idParser("ALLOWANCES_BAD_ID");

const grantAt = (q: QueryContext, id: number) => {
  const g = readGrant(q.state(), id);
  return g && grantView(g, q.height());
};

export const grantLookup = defineLookup({
  path: "/v1/allowances/:id",
  operationId: "getAllowance",
  summary: "A grant (allowance)",
  description:
    "Payer, grantee, limit per period, period, cap, expiry and recipients, and what is left, computed at the " +
    "height the next transaction runs at (head + 1): the period, its remainder, the first height of the next " +
    "period, the cap's remainder, expired. 400 ALLOWANCES_BAD_ID, 404 NOT_FOUND (never made, revoked, " +
    "exhausted, or expired and pruned).",
  param: idParam(parseId, "grant"),
  schema: GrantSchema,
  get: (q, id) => grantAt(q, Number(id)),
  notFound: (id) => `no open grant ${id} (never made, revoked, exhausted, or expired and pruned)`,
  command: "allowance",
  about: "a grant: limit, period, cap, expiry, recipients and what is left this period",
  format: formatGrant,
});

export const grantsList = defineList({
  path: "/v1/allowances",
  operationId: "listAllowances",
  summary: "The grants a payer gave or a grantee holds",
  noun: "grants",
  order: "id order",
  about:
    "Open ones (expired ones until pruned), each with what is left this period, as the grant route shows it.",
  command: "allowance",
  filters: {
    payer: { help: "that an address gave", address: grantsByPayer.prefix },
    grantee: { help: "that an address may pull from", address: grantsByGrantee.prefix },
  },
  schema: GrantSchema,
  item: (q, id) => grantAt(q, Number(id)),
  line: grantLine,
});

export const getCreated = defineCreatedRoute({
  url: "/v1/allowances/created/:tx",
  operationId: "getAllowancesCreated",
  description:
    "The grant an included `grant` transaction created. 400 BAD_REQUEST for a malformed hash, 404 NOT_FOUND.",
  tag: TAG,
  created: CREATED,
  nouns: "grant",
});

export function allowancesRoutes(app: FastifyInstance, q: QueryContext): void {
  getCreated.register(app, (tx) => readCreated(q.state(), tx));
}
