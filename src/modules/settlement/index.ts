/**
 * Settlement between carriers: rate agreements (deck hashes on chain, decks off chain), usage
 * committed per period as a Merkle root and totals, reconciliation within a tolerance, disputes,
 * collateral and multilateral netting at the end of every cycle. docs/settlement.md.
 */
import type { Module } from "../../module/interface.js";
import { agreementCli } from "./agreements/cli.js";
import { agreementKinds } from "./agreements/kinds/index.js";
import { settleDeadlines } from "./agreements/reconcile.js";
import { agreementRoutes } from "./agreements/routes.js";
import { ratingCli } from "./cli/rating.js";
import { SETTLEMENT_ERRORS } from "./errors.js";
import { nettingCli, nettingEndBlock, nettingKinds, nettingRoutes } from "./netting/index.js";
import { devSettlementGenesis, settlementGenesis } from "./params.js";
import { settlementProofs } from "./proofs.js";

export const settlementModule: Module = {
  name: "settlement",
  proofs: settlementProofs,
  kinds: { ...agreementKinds, ...nettingKinds },
  errors: SETTLEMENT_ERRORS,
  genesis: settlementGenesis,
  devGenesis: devSettlementGenesis,
  routes(app, q) {
    agreementRoutes(app, q);
    nettingRoutes(app, q);
  },
  /** `telchain settlement …`: each part adds its subcommands (one line each). */
  cli(program, ctx) {
    ratingCli(program, ctx);
    agreementCli(program, ctx);
    nettingCli(program, ctx);
  },
  /**
   * Missed commit deadlines first (they agree amounts in this block's cycle), then netting,
   * last: it nets what the block's other steps recorded in the cycle.
   */
  endBlock(ctx) {
    settleDeadlines(ctx);
    nettingEndBlock(ctx);
  },
};
