/**
 * The explorer's module pages, browser-safe (like src/modules/proofs.ts for proofs): each
 * module's pages, panels and search keys, in menu order. The explorer (src/explorer/) knows
 * module pages only through this list, as the node knows modules through src/modules/index.ts.
 */
import type { ExplorerModule } from "../explorer/page.js";
import { carriersExplorer } from "./carriers/explorer.js";
import { channelsExplorer } from "./channels/explorer.js";
import { devicesExplorer } from "./devices/explorer.js";
import { enumExplorer } from "./enum/explorer.js";
import { marketExplorer } from "./market/explorer.js";
import { numbersExplorer } from "./numbers/explorer.js";
import { servicesExplorer } from "./services/explorer.js";
import { settlementExplorer } from "./settlement/explorer.js";
import { vouchersExplorer } from "./vouchers/explorer.js";

/** Search order matters: a number that exists wins over an IMEI-shaped reading of the same digits. */
export function explorerModules(): ExplorerModule[] {
  return [
    numbersExplorer,
    enumExplorer,
    devicesExplorer,
    carriersExplorer,
    settlementExplorer,
    vouchersExplorer,
    marketExplorer,
    servicesExplorer,
    channelsExplorer,
  ];
}
