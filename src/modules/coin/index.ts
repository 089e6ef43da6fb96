/** The native coin. Balances live in core account state; this module moves them. */
import type { Module } from "../../module/interface.js";
import { coinCli } from "./cli.js";
import { transfer } from "./transfer.js";

export const coinModule: Module = {
  name: "coin",
  kinds: { transfer },
  cli: coinCli,
};
