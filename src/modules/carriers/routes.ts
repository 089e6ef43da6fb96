/** GET /v1/carriers (in id order, at most MAX_CARRIERS_LISTED) and /v1/carriers/:id. */
import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ErrorResponses } from "../../api/schemas.js";
import type { TypeBoxTypeProvider } from "../../api/typebox.js";
import { encodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { QueryContext } from "../../module/interface.js";
import { CarrierEntry, CarrierId } from "./schemas.js";
import { CARRIER_PREFIX, readCarrier } from "./store.js";

export const MAX_CARRIERS_LISTED = 1000;

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

const view = (e: CarrierEntry): CarrierView => ({ ...e, operators: e.operators.map(encodeAddress) });

export function carrierRoutes(base: FastifyInstance, q: QueryContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ["carriers"];
  const Carriers = Type.Object({ carriers: Type.Array(CarrierSchema) });
  app.get(
    "/v1/carriers",
    {
      schema: {
        operationId: "listCarriers",
        summary: "List carriers",
        description: `Every registered carrier in id order (at most ${MAX_CARRIERS_LISTED}).`,
        tags,
        response: { 200: Carriers, ...ErrorResponses },
      },
    },
    async () => ({
      carriers: q
        .scan(CARRIER_PREFIX, MAX_CARRIERS_LISTED)
        .map(({ value }) => view(CarrierEntry.deserialize(value))),
    }),
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
