/**
 * Services: a market of connectivity listings (vpn, hotspot, roaming-data). A provider lists a
 * service with a price per unit, an endpoint and a bond; the listing stays found by search only
 * while the provider keeps a heartbeat, and its bond comes back a delay after it lapsed. Clients
 * rate a listing with a closed channel they paid its provider through (the channels keeper), one
 * rating per channel. docs/channels.md, "The service market".
 */
import type { Module } from "../../module/interface.js";
import { servicesCli } from "./cli.js";
import { SERVICES_ERRORS } from "./errors.js";
import { servicesKinds } from "./kinds.js";
import { lapseEndBlock } from "./lapse.js";
import { devServicesGenesis, servicesGenesis } from "./params.js";
import { serviceProofs } from "./proofs.js";
import { listingLookup, providerList, servicesRoutes } from "./routes.js";

export { servicesCalls } from "./kinds.js";

export const servicesModule: Module = {
  name: "services",
  proofs: serviceProofs,
  kinds: servicesKinds,
  errors: SERVICES_ERRORS,
  genesis: servicesGenesis,
  devGenesis: devServicesGenesis,
  lookups: [listingLookup],
  lists: [providerList],
  routes: servicesRoutes,
  cli: servicesCli,
  /** Unlists lapsed listings from the search indexes, at most MAX_LAPSE_STEPS_PER_BLOCK (64) steps a block. */
  endBlock(ctx) {
    lapseEndBlock(ctx);
  },
};
