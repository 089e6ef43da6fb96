/**
 * Every module this node runs. The core learns of modules only through this list. The first,
 * the core's account module (key rotation, memo keys), is in every registry anyway.
 */
import { accountModule } from "../account/index.js";
import type { Module } from "../module/interface.js";
import { allowancesModule } from "./allowances/index.js";
import { carriersModule } from "./carriers/index.js";
import { channelsModule } from "./channels/index.js";
import { coinModule } from "./coin/index.js";
import { devicesModule } from "./devices/index.js";
import { enumModule } from "./enum/index.js";
import { marketModule } from "./market/index.js";
import { numbersModule } from "./numbers/index.js";
import { recoveryModule } from "./recovery/index.js";
import { servicesModule } from "./services/index.js";
import { settlementModule } from "./settlement/index.js";
import { vouchersModule } from "./vouchers/index.js";

export function allModules(): Module[] {
  return [
    accountModule,
    coinModule,
    enumModule,
    carriersModule,
    devicesModule,
    numbersModule,
    settlementModule,
    vouchersModule,
    marketModule,
    allowancesModule,
    recoveryModule,
    channelsModule,
    servicesModule,
  ];
}
