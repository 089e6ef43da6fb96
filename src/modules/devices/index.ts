/**
 * Devices: a registry of handsets by IMEI. A device is registered by its maker or first
 * owner, sold in two steps (offer, accept), reported stolen by its owner or flagged by a
 * carrier, and recovered; anyone can check an IMEI (GET /v1/devices/:imei).
 */
import type { Module } from "../../module/interface.js";
import { devicesCli } from "./cli.js";
import { register } from "./kinds/register.js";
import { flag, recover, reportStolen } from "./kinds/stolen.js";
import { accept, cancelTransfer, transfer } from "./kinds/transfer.js";
import { devicesRoutes } from "./routes.js";

export const devicesModule: Module = {
  name: "devices",
  kinds: {
    register,
    transfer,
    accept,
    "cancel-transfer": cancelTransfer,
    "report-stolen": reportStolen,
    flag,
    recover,
  },
  routes: devicesRoutes,
  cli: devicesCli,
};
