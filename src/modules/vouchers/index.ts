/**
 * Vouchers: carrier-issued digital goods — minutes, messages and megabytes — that subscribers
 * hold, transfer and redeem until their class expires; direct offers sell them for coin, split
 * between the issuer and the carrier that published the offer; each issuer reads its redemptions
 * from a feed. Other modules read classes and balances through the keeper and escrow units
 * through the write keeper (keeper.ts). docs/vouchers.md.
 */
import type { Module } from "../../module/interface.js";
import { vouchersCli } from "./cli.js";
import { VOUCHERS_ERRORS } from "./errors.js";
import { vouchersKeeper, vouchersWriteKeeper } from "./keeper.js";
import { vouchersKinds } from "./kinds/index.js";
import { voucherProofs } from "./proofs.js";
import { pruneEndBlock } from "./prune.js";
import { vouchersRoutes } from "./routes.js";

export { vouchersCalls } from "./kinds/index.js";

export const vouchersModule: Module = {
  name: "vouchers",
  proofs: voucherProofs,
  kinds: vouchersKinds,
  errors: VOUCHERS_ERRORS,
  keeper: vouchersKeeper,
  writeKeeper: vouchersWriteKeeper,
  routes: vouchersRoutes,
  cli: vouchersCli,
  /** The clock, then the pruning of expired classes and ended offers, at most 500 entries a block. */
  endBlock(ctx) {
    pruneEndBlock(ctx);
  },
};
