/**
 * The voucher market: one book per voucher class, priced in coin base units per voucher unit;
 * limit orders with their escrow taken at once; at the end of every block, each book with new
 * crossing orders clears as one batch auction at a single price, fills paid and delivered in
 * the same step. Vouchers are read and moved through the vouchers module's keepers
 * (expected-keepers.ts). docs/market.md.
 */
import type { Module } from "../../module/interface.js";
import { marketCli } from "./cli.js";
import { marketEndBlock } from "./end-block.js";
import { MARKET_ERRORS } from "./errors.js";
import { marketKinds } from "./kinds.js";
import { marketGenesis } from "./params.js";
import { marketProofs } from "./proofs.js";
import { marketRoutes } from "./routes.js";

export { marketCalls } from "./kinds.js";

export const marketModule: Module = {
  name: "market",
  proofs: marketProofs,
  kinds: marketKinds,
  errors: MARKET_ERRORS,
  genesis: marketGenesis,
  routes: marketRoutes,
  cli: marketCli,
  /** Expired orders leave their books first, then the books with new orders clear. */
  endBlock: marketEndBlock,
};
