/**
 * GET /v1/devices?owner=ADDR (the devices of an owner, paged: src/api/paging.ts) and
 * GET /v1/devices/:imei, for anyone (a shop checking a phone). PRIVACY (docs/registries.md,
 * "The check route and the privacy decision"): it shows the current owner and an open offer's
 * buyer, never past owners — history events hold no address; the module does not store one.
 */ import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { PageQueryFields, PageSchema, readPage } from "../../api/paging.js";
import { ErrorResponses, MAX_ADDRESS_LENGTH } from "../../api/schemas.js";
import type { TypeBoxTypeProvider } from "../../api/typebox.js";
import { decodeAddress } from "../../crypto/address.js";
import type { QueryContext } from "../../module/interface.js";
import { parseImei } from "../../telephony/imei.js";
import { DeviceSchema, lookupDevice } from "./lookup.js";
import { ownerIndexPrefix } from "./store.js";

export const DevicesPageSchema = PageSchema(DeviceSchema, "a page of devices, in IMEI order");

export function devicesRoutes(base: FastifyInstance, q: QueryContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/v1/devices",
    {
      schema: {
        operationId: "listDevices",
        summary: "List the devices of an owner",
        description:
          "The devices an address owns (?owner=, required): a page of `limit` devices in IMEI order and the " +
          "`next` cursor (null at the end). Like the check route it shows current owners only. 400 " +
          "BAD_REQUEST without ?owner=, ADDRESS_INVALID for a bad owner, BAD_CURSOR for a cursor no page gave.",
        tags: ["devices"],
        querystring: Type.Object({
          owner: Type.String({ maxLength: MAX_ADDRESS_LENGTH, description: "a tel1… address" }),
          ...PageQueryFields,
        }),
        response: { 200: DevicesPageSchema, ...ErrorResponses },
      },
    },
    async ({ query }) => {
      const state = q.state();
      return readPage(q, ownerIndexPrefix(decodeAddress(query.owner)), query, (rest) =>
        lookupDevice(state, new TextDecoder().decode(rest)),
      );
    },
  );
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
