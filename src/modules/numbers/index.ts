/**
 * Numbers: number portability. A number (E.164) is claimed with a carrier, confirmed by it,
 * then held as a token its holder may port to another carrier or release; the dip route and
 * the keeper's routeOf (the ENUM zone's RFC 4694 rn=) tell which carrier serves it.
 */
import type { Module } from "../../module/interface.js";
import { numbersCli } from "./cli.js";
import { NUMBERS_ERRORS } from "./errors.js";
import { numbersKeeper } from "./keeper.js";
import { numbersKinds } from "./kinds/index.js";
import { numbersGenesis } from "./params.js";
import { numberProofs } from "./proofs.js";
import { numberLookup, numbersList } from "./routes.js";

export const numbersModule: Module = {
  name: "numbers",
  proofs: numberProofs,
  kinds: numbersKinds,
  errors: NUMBERS_ERRORS,
  genesis: numbersGenesis,
  keeper: numbersKeeper,
  lookups: [numberLookup],
  lists: [numbersList],
  cli: numbersCli,
};
