/**
 * Settlement between carriers: rate agreements (deck hashes on chain, decks off chain), usage
 * committed per period as a Merkle root and totals, reconciliation within a tolerance, disputes,
 * collateral and multilateral netting at the end of every cycle. docs/settlement.md.
 */
import type { Module } from "../../module/interface.js";
import { ratingCli } from "./cli/rating.js";
import { SETTLEMENT_ERRORS } from "./errors.js";
import { nettingCli, nettingEndBlock, nettingKinds, nettingRoutes } from "./netting/index.js";
import { devSettlementGenesis, settlementGenesis } from "./params.js";

export const settlementModule: Module = {
  name: "settlement",
  kinds: { ...nettingKinds },
  errors: SETTLEMENT_ERRORS,
  genesis: settlementGenesis,
  devGenesis: devSettlementGenesis,
  routes(app, q) {
    nettingRoutes(app, q);
  },
  /** `telchain settlement …`: each part adds its subcommands (one line each). */
  cli(program, ctx) {
    ratingCli(program, ctx);
    nettingCli(program, ctx);
  },
  /** Netting runs last: it nets what the block's other steps recorded in the cycle. */
  endBlock(ctx) {
    nettingEndBlock(ctx);
  },
};
