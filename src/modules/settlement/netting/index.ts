/** The netting part of the settlement module: collateral kinds, the netting block, routes and CLI. */
export { collateralCalls, collateralKinds as nettingKinds } from "../kinds/collateral.js";
export { nettingCli } from "./cli.js";
export { nettingEndBlock } from "./end-block.js";
export { nettingRoutes } from "./routes.js";
