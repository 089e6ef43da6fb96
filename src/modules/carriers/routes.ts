/**
 * Carrier routes:
 *   GET /v1/carriers       every carrier in id order (at most MAX_CARRIERS_LISTED)
 *   GET /v1/carriers/:id   one carrier; 400 CARRIER_BAD_ID, 404 unknown
 */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ErrorResponses } from "../../api/schemas.js";
import type { TypeBoxTypeProvider } from "../../api/typebox.js";
import { TelchainError } from "../../errors.js";
import type { QueryContext } from "../../module/interface.js";
import { CarrierEntry } from "./schemas.js";
import { CARRIER_PREFIX, readCarrier } from "./store.js";
import { checkCarrierId } from "./validate.js";
import { carrierView } from "./view.js";

export const MAX_CARRIERS_LISTED = 1000;

export const CarrierSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  operators: Type.Array(Type.String({ description: "address (tel1...)" })),
  routingPrefixes: Type.Array(Type.String()),
  sipIngress: Type.Array(Type.String()),
  registeredAt: Type.Integer({ description: "height" }),
});

export function carrierRoutes(base: FastifyInstance, q: QueryContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/v1/carriers",
    {
      schema: {
        summary: `Registered carriers in id order (at most ${MAX_CARRIERS_LISTED})`,
        tags: ["carriers"],
        response: { 200: Type.Object({ carriers: Type.Array(CarrierSchema) }), ...ErrorResponses },
      },
    },
    async () => ({
      carriers: q
        .scan(CARRIER_PREFIX, MAX_CARRIERS_LISTED)
        .map(({ value }) => carrierView(CarrierEntry.deserialize(value))),
    }),
  );

  app.get(
    "/v1/carriers/:id",
    {
      schema: {
        summary: "A carrier: operators, routing prefixes, SIP ingress",
        tags: ["carriers"],
        params: Type.Object({ id: Type.String({ maxLength: 16 }) }),
        response: { 200: CarrierSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const id = checkCarrierId(request.params.id);
      const entry = readCarrier(q.state(), id);
      if (!entry) throw new TelchainError("NOT_FOUND", `no carrier ${id} is registered`);
      return carrierView(entry);
    },
  );
}
