/** The collateral kinds and their typed call builders (used by the CLI and the tests). */
import { calls } from "../../../module/kind.js";
import { collateralDeposit } from "./collateral-deposit.js";
import { collateralWithdraw } from "./collateral-withdraw.js";

export const collateralKinds = {
  "collateral-deposit": collateralDeposit,
  "collateral-withdraw": collateralWithdraw,
};

export const collateralCalls = calls("settlement", collateralKinds);
