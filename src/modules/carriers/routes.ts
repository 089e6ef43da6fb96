/** GET /v1/carriers/:id and the paged list of carriers (GET /v1/carriers). */
import { type Static, Type } from "@sinclair/typebox";
import { encodeAddress } from "../../crypto/address.js";
import { defineList } from "../../module/list.js";
import { defineLookup } from "../../module/lookup.js";
import { formatCarrier } from "./format.js";
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

const view = (e: CarrierEntry): CarrierView => ({ ...e, operators: e.operators.map(encodeAddress) });

/** GET /v1/carriers and `telchain carrier list`. */
export const carriersList = defineList({
  path: "/v1/carriers",
  operationId: "listCarriers",
  summary: "List carriers",
  noun: "carriers",
  order: "id order",
  command: "carrier",
  prefix: CARRIER_PREFIX,
  schema: CarrierSchema,
  item: (_, _id, value) => view(CarrierEntry.deserialize(value)),
  line: (x) => `${x.id.padEnd(8)}  ${x.routingPrefixes.join(",")}  ${x.name}`,
});

/** GET /v1/carriers/:id and `telchain carrier show <id>`. */
export const carrierLookup = defineLookup({
  path: "/v1/carriers/:id",
  operationId: "getCarrier",
  summary: "Get a carrier",
  description:
    "A carrier's name, operator keys, routing prefixes and SIP ingress. 400 for a malformed id, 404 " +
    "NOT_FOUND when no carrier has it.",
  param: { help: "3 to 8 upper-case letters or digits", maxLength: 16, parse: (raw) => CarrierId.check(raw) },
  schema: CarrierSchema,
  get(q, id) {
    const entry = readCarrier(q.state(), id);
    return entry && view(entry);
  },
  command: "carrier",
  notFound: (id) => `no carrier ${id} is registered`,
  about: "a carrier: operators, routing prefixes, SIP ingress",
  format: formatCarrier,
});
