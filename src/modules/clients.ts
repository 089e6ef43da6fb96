/**
 * Every module's routes as typed functions, by module name, WITHOUT the modules themselves: the
 * browser-safe list the SDK exports as `modules` (`modules.devices.getDevice(client, { imei })`).
 * Each module's client.ts builds its functions from the same declarations the server registers;
 * src/modules/clients.test.ts checks that every route the node documents has exactly one function.
 */
export * as allowances from "./allowances/client.js";
export * as carriers from "./carriers/client.js";
export * as channels from "./channels/client.js";
export * as devices from "./devices/client.js";
export * as enum from "./enum/client.js";
export * as market from "./market/client.js";
export * as numbers from "./numbers/client.js";
export * as recovery from "./recovery/client.js";
export * as services from "./services/client.js";
export * as settlement from "./settlement/client.js";
export * as vouchers from "./vouchers/client.js";
