/**
 * Numbers: number portability. A subscriber claims a telephone number (E.164) with a
 * carrier, which confirms it; the number is then a token the holder may port to another
 * carrier (the gaining carrier accepts) or release. The dip route answers which carrier
 * serves a number and its routing number; the ENUM DNS zone adds it as an RFC 4694 rn=.
 */
import type { Module } from "../../module/interface.js";
import { numbersCli } from "./cli.js";
import { numbersGenesis } from "./genesis.js";
import { numbersKeeper } from "./keeper.js";
import { acceptPort } from "./kinds/accept-port.js";
import { claim } from "./kinds/claim.js";
import { confirm } from "./kinds/confirm.js";
import { port } from "./kinds/port.js";
import { release } from "./kinds/release.js";
import { numbersRoutes } from "./routes.js";
import { NUMBERS_MODULE } from "./store.js";

export { routingNumberOf } from "./store.js";

export const numbersModule: Module = {
  name: NUMBERS_MODULE,
  kinds: { claim, confirm, port, "accept-port": acceptPort, release },
  genesis: numbersGenesis,
  keeper: numbersKeeper,
  routes: numbersRoutes,
  cli: numbersCli,
};
