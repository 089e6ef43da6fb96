/**
 * Devices route:
 *   GET /v1/devices/:imei   the status of a device, for anyone (a shop checking a phone):
 *                           200 with status "clean" | "stolen" | "unregistered" (a valid IMEI
 *                           nobody registered is an answer, not a 404); 400 DEVICES_BAD_IMEI
 *                           for a malformed IMEI.
 *
 * PRIVACY. The lookup shows the current owner (the chain needs it to check who may sell the
 * device) and, while one is open, the address a transfer is offered to (so the buyer can see
 * it before accepting). It does NOT show past owners: history events carry the event, its
 * height, the flag reason and who flagged or cleared (the word "owner" or a carrier id), but no
 * address — the module does not even store one with an event. So neither this API nor the
 * state gives a list of everyone who owned a phone, and a device's record does not become a
 * tracking file of its owners.
 * What this does NOT hide: the chain is public. A full node (or an explorer built on one)
 * still sees every transaction, and transfer/accept transactions name the seller and the
 * buyer, so past ownership CAN be reconstructed from blocks. The API only declines to
 * serve it ready-made by IMEI. Evidence is a hash; the document itself never goes on chain.
 */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ErrorResponses } from "../../api/schemas.js";
import type { TypeBoxTypeProvider } from "../../api/typebox.js";
import type { QueryContext } from "../../module/interface.js";
import { parseImei } from "../../telephony/imei.js";
import { lookupDevice } from "./lookup.js";
import { EVENTS, REASONS } from "./schemas.js";

const ReasonSchema = Type.Union(REASONS.map((r) => Type.Literal(r)));
const Height = Type.Integer({ minimum: 0 });

export const DeviceHistorySchema = Type.Object({
  event: Type.Union(EVENTS.map((e) => Type.Literal(e))),
  height: Height,
  reason: Type.Union([ReasonSchema, Type.Null()]),
  by: Type.Union([Type.String({ description: '"owner" or the carrier id that acted' }), Type.Null()]),
});

export const DeviceSchema = Type.Object({
  imei: Type.String(),
  status: Type.Union([Type.Literal("clean"), Type.Literal("stolen"), Type.Literal("unregistered")]),
  reason: Type.Union([ReasonSchema, Type.Null()]),
  flaggedBy: Type.Union([Type.String({ description: 'carrier id, or "owner"' }), Type.Null()]),
  evidence: Type.Union([Type.String({ description: "hash of the evidence (hex)" }), Type.Null()]),
  owner: Type.Union([Type.String({ description: "current owner (tel1...)" }), Type.Null()]),
  since: Type.Union([Height, Type.Null()]),
  registeredAt: Type.Union([Height, Type.Null()]),
  pendingTransfer: Type.Union([Type.Object({ to: Type.String(), since: Height }), Type.Null()]),
  history: Type.Array(DeviceHistorySchema, { description: "latest 100 events, oldest first" }),
  historyTotal: Type.Integer({ minimum: 0 }),
});

export function devicesRoutes(base: FastifyInstance, q: QueryContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/v1/devices/:imei",
    {
      schema: {
        summary: "A device by IMEI: clean, stolen or unregistered; current owner and history",
        tags: ["devices"],
        params: Type.Object({
          imei: Type.String({ description: "15 digits with a valid Luhn check digit" }),
        }),
        response: { 200: DeviceSchema, ...ErrorResponses },
      },
    },
    async (request) => lookupDevice(q.state(), parseImei(request.params.imei, "DEVICES_BAD_IMEI")),
  );
}
