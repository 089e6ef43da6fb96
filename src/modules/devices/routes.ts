/**
 * GET /v1/devices?owner=ADDR (the devices of an owner, paged: src/api/paging.ts) and
 * GET /v1/devices/:imei, for anyone (a shop checking a phone). PRIVACY (docs/registries.md,
 * "The check route and the privacy decision"): it shows the current owner and an open offer's
 * buyer, never past owners — history events hold no address; the module does not store one.
 */ import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ownerListRoute, PageSchema } from "../../api/paging.js";
import { ErrorResponses } from "../../api/schemas.js";
import type { TypeBoxTypeProvider } from "../../api/typebox.js";
import type { QueryContext } from "../../module/interface.js";
import { parseImei } from "../../telephony/imei.js";
import { DeviceSchema, lookupDevice } from "./lookup.js";
import { ownerIndexPrefix } from "./store.js";

export const DevicesPageSchema = PageSchema(DeviceSchema, "a page of devices, in IMEI order");

export function devicesRoutes(base: FastifyInstance, q: QueryContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  ownerListRoute<typeof DeviceSchema>(base, q, {
    url: "/v1/devices",
    operationId: "listDevices",
    summary: "List the devices of an owner",
    description:
      "The devices an address owns (?owner=, required): a page of `limit` devices in IMEI order and the " +
      "`next` cursor (null at the end). Like the check route it shows current owners only.",
    tag: "devices",
    page: DevicesPageSchema,
    prefix: ownerIndexPrefix,
    item: (imei) => lookupDevice(q.state(), imei),
  });
  app.get(
    "/v1/devices/:imei",
    {
      schema: {
        operationId: "getDevice",
        summary: "Check a device by IMEI",
        description:
          "Status of a device (clean, stolen or unregistered — a valid IMEI nobody registered is not a 404), " +
          "the flag with its reason, who set it and the evidence hash, the current owner, an open transfer " +
          "offer, and the latest 100 history events. Past owners are not shown.",
        tags: ["devices"],
        params: Type.Object({
          imei: Type.String({ maxLength: 64, description: "15 digits with a valid Luhn check digit" }),
        }),
        response: { 200: DeviceSchema, ...ErrorResponses },
      },
    },
    async (request) => lookupDevice(q.state(), parseImei(request.params.imei, "DEVICES_BAD_IMEI")),
  );
}
