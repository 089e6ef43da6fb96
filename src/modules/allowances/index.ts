/**
 * Allowances: a payer grants a grantee the right to pull coins from its account, up to a limit per
 * period of blocks, optionally up to a total cap, until an expiry, to listed recipients only — a
 * monthly plan, a metered service, a carrier collecting a subscription. Changes are compare-and-set;
 * expired grants are pruned in bounded work per block. docs/allowances.md.
 */
import type { Module } from "../../module/interface.js";
import { allowancesCli } from "./cli.js";
import { ALLOWANCES_ERRORS } from "./errors.js";
import { allowancesKinds } from "./kinds/index.js";
import { allowanceProofs } from "./proofs.js";
import { pruneEndBlock } from "./prune.js";
import { allowancesRoutes, grantLookup, grantsList } from "./routes.js";

export { allowancesCalls } from "./kinds/index.js";

export const allowancesModule: Module = {
  name: "allowances",
  proofs: allowanceProofs,
  kinds: allowancesKinds,
  errors: ALLOWANCES_ERRORS,
  lookups: [grantLookup],
  lists: [grantsList],
  routes: allowancesRoutes,
  cli: allowancesCli,
  /** Prunes expired grants, at most MAX_PRUNE_PER_BLOCK (64) steps a block. */
  endBlock(ctx) {
    pruneEndBlock(ctx);
  },
};
