/** The native coin. Balances live in core account state; this module moves them. */
import type { Module } from "../../module/interface.js";
import { calls } from "../../module/kind.js";
import { coinCli } from "./cli.js";
import { COIN_ERRORS } from "./errors.js";
import { transfer } from "./kinds/transfer.js";

const kinds = { transfer };
export const coinCalls = calls("coin", kinds);

export const coinModule: Module = { name: "coin", kinds, errors: COIN_ERRORS, cli: coinCli };
