/**
 * Devices: handsets by IMEI — registered, sold in two steps, reported stolen by the owner or
 * flagged by a carrier, recovered; anyone can check one. Carriers are read through their keeper.
 */
import type { Module } from "../../module/interface.js";
import { devicesCli } from "./cli.js";
import { DEVICES_ERRORS } from "./errors.js";
import { devicesKinds } from "./kinds/index.js";
import { deviceProofs } from "./proofs.js";
import { deviceLookup, devicesList } from "./routes.js";

export { devicesCalls } from "./kinds/index.js";

export const devicesModule: Module = {
  name: "devices",
  proofs: deviceProofs,
  kinds: devicesKinds,
  errors: DEVICES_ERRORS,
  lookups: [deviceLookup],
  lists: [devicesList],
  cli: devicesCli,
};
