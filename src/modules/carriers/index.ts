/** Carriers: telephone carriers (id, name, operator keys, routing prefixes, SIP ingress). */
import type { Module } from "../../module/interface.js";
import { carriersCli } from "./cli.js";
import { CARRIERS_ERRORS } from "./errors.js";
import { carriersKeeper } from "./keeper.js";
import { carriersKinds } from "./kinds/index.js";
import { carrierProofs } from "./proofs.js";
import { carrierLookup, carriersList } from "./routes.js";

export const carriersModule: Module = {
  name: "carriers",
  proofs: carrierProofs,
  kinds: carriersKinds,
  errors: CARRIERS_ERRORS,
  keeper: carriersKeeper,
  lookups: [carrierLookup],
  lists: [carriersList],
  cli: carriersCli,
};
