/**
 * Numbers: number portability. A subscriber claims a telephone number (E.164) with a
 * carrier, which confirms it; the number is then a token the holder may port to another
 * carrier (the gaining carrier accepts) or release. The dip route answers which carrier
 * serves a number and its routing number; the ENUM DNS zone adds it as an RFC 4694 rn=
 * (through the keeper's routeOf). Carriers are read through ctx.keeper("carriers").
 */
import type { Module } from "../../module/interface.js";
import { numbersCli } from "./cli.js";
import { NUMBERS_ERRORS } from "./errors.js";
import { numbersKeeper } from "./keeper.js";
import { numbersKinds } from "./kinds/index.js";
import { numbersGenesis } from "./params.js";
import { numbersRoutes } from "./routes.js";

export const numbersModule: Module = {
  name: "numbers",
  kinds: numbersKinds,
  errors: NUMBERS_ERRORS,
  genesis: numbersGenesis,
  keeper: numbersKeeper,
  routes: numbersRoutes,
  cli: numbersCli,
};
