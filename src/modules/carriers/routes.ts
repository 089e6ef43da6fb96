/** GET /v1/carriers (in id order, paged: src/api/paging.ts) and /v1/carriers/:id. */
import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { PageQueryFields, PageSchema, readPage } from "../../api/paging.js";
import { ErrorResponses } from "../../api/schemas.js";
import type { TypeBoxTypeProvider } from "../../api/typebox.js";
import { encodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { QueryContext } from "../../module/interface.js";
import { CarrierEntry, CarrierId } from "./schemas.js";
import { CARRIER_PREFIX, readCarrier } from "./store.js";

const Strings = Type.Array(Type.String());
export const CarrierSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  operators: Type.Array(Type.String({ description: "address (tel1...)" })),
  routingPrefixes: Strings,
  sipIngress: Strings,
  registeredAt: Type.Integer({ description: "height" }),
});
/** The JSON form of a carrier, shared by the API and the CLI. */
export type CarrierView = Static<typeof CarrierSchema>;

export const CarriersPageSchema = PageSchema(CarrierSchema, "a page of carriers, in id order");

const view = (e: CarrierEntry): CarrierView => ({ ...e, operators: e.operators.map(encodeAddress) });

export function carrierRoutes(base: FastifyInstance, q: QueryContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ["carriers"];
  app.get(
    "/v1/carriers",
    {
      schema: {
        operationId: "listCarriers",
        summary: "List carriers",
        description:
          "The registered carriers in id order: a page of `limit` carriers and the `next` cursor (null at " +
          "the end); 400 BAD_CURSOR for a cursor no page gave.",
        tags,
        querystring: Type.Object(PageQueryFields),
        response: { 200: CarriersPageSchema, ...ErrorResponses },
      },
    },
    async ({ query }) =>
      readPage(q, CARRIER_PREFIX, query, (_, value) => view(CarrierEntry.deserialize(value))),
  );
  app.get(
    "/v1/carriers/:id",
    {
      schema: {
        operationId: "getCarrier",
        summary: "Get a carrier",
        description:
          "A carrier's name, operator keys, routing prefixes and SIP ingress (400 for a malformed id).",
        tags,
        params: Type.Object({ id: Type.String({ maxLength: 16 }) }),
        response: { 200: CarrierSchema, ...ErrorResponses },
      },
    },
    async ({ params }) => {
      const entry = readCarrier(q.state(), CarrierId.check(params.id));
      if (!entry) throw new TelchainError("NOT_FOUND", `no carrier ${params.id} is registered`);
      return view(entry);
    },
  );
}
