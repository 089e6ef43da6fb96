/**
 * Carriers: a registry of telephone carriers (id, name, operator keys, routing-number
 * prefixes, SIP ingress). The numbers module (portability) and the devices module read it
 * through store.ts (readCarrier, carrierOfOperator).
 */
import type { Module } from "../../module/interface.js";
import { carriersCli } from "./cli.js";
import { carriersKeeper } from "./keeper.js";
import { register } from "./kinds/register.js";
import { rotateKeys } from "./kinds/rotate-keys.js";
import { update } from "./kinds/update.js";
import { carrierRoutes } from "./routes.js";
import { CARRIERS_MODULE } from "./store.js";

export { carrierOfOperator, readCarrier } from "./store.js";

export const carriersModule: Module = {
  name: CARRIERS_MODULE,
  kinds: { register, update, "rotate-keys": rotateKeys },
  keeper: carriersKeeper,
  routes: carrierRoutes,
  cli: carriersCli,
};
