/**
 * The provable records of every module, by module name, WITHOUT the modules themselves: the
 * browser-safe list the SDK and the explorer bundle (a module's index.ts pulls in its routes,
 * CLI and node-only code; its proofs.ts does not). The same objects as each Module.proofs;
 * src/modules/proofs.test.ts checks the two agree with allModules().
 */
import type { ModuleProof } from "../module/proof.js";
import { allowanceProofs } from "./allowances/proofs.js";
import { carrierProofs } from "./carriers/proofs.js";
import { channelProofs } from "./channels/proofs.js";
import { deviceProofs } from "./devices/proofs.js";
import { enumProofs } from "./enum/proofs.js";
import { marketProofs } from "./market/proofs.js";
import { numberProofs } from "./numbers/proofs.js";
import { recoveryProofs } from "./recovery/proofs.js";
import { serviceProofs } from "./services/proofs.js";
import { settlementProofs } from "./settlement/proofs.js";
import { voucherProofs } from "./vouchers/proofs.js";

/** Module name → its proofs (first = the default record), in the module list's order. */
export function moduleProofs(): Record<string, ModuleProof[]> {
  return {
    enum: enumProofs,
    carriers: carrierProofs,
    devices: deviceProofs,
    numbers: numberProofs,
    settlement: settlementProofs,
    vouchers: voucherProofs,
    market: marketProofs,
    allowances: allowanceProofs,
    recovery: recoveryProofs,
    channels: channelProofs,
    services: serviceProofs,
  };
}
