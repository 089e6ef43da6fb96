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
import { SETTLEMENT_ERRORS } from "./errors.js";
import { devSettlementGenesis, settlementGenesis } from "./params.js";

export const settlementModule: Module = {
  name: "settlement",
  kinds: { ...agreementKinds },
  errors: SETTLEMENT_ERRORS,
  genesis: settlementGenesis,
  devGenesis: devSettlementGenesis,
  routes(app, q) {
    agreementRoutes(app, q);
  },
  cli(program, ctx) {
    agreementCli(program, ctx);
  },
  endBlock(ctx) {
    settleDeadlines(ctx); // agreements: missed commit deadlines (before netting, which nets what they agree)
  },
};
