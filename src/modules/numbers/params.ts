/**
 * Parameters of the numbers module and the genesis section `modules.numbers`:
 *
 *   { "params": { "claimDeposit": "10000000000", "portFee": "1000000000",
 *                 "confirmDeadline": 5000, "portDeadline": 1000 } }
 *
 * Every field is optional (defaults below); without a section nothing is written and the
 * defaults apply (so adding the module leaves existing genesis states unchanged).
 */
import { parseGenesisAmount } from "../../chain/genesis.js";
import { TelchainError } from "../../errors.js";
import type { NumbersParams } from "./schemas.js";

const COIN = 1_000_000_000n;

export const DEFAULT_PARAMS: NumbersParams = {
  claimDeposit: 10n * COIN, // locked while the number is claimed or held
  portFee: 1n * COIN, // burned by every port request
  confirmDeadline: 5_000, // blocks the claim's carrier has to confirm
  portDeadline: 1_000, // blocks the gaining carrier has to accept a port
};

function fail(msg: string): never {
  throw new TelchainError("GENESIS_INVALID", `genesis modules.numbers: ${msg}`);
}

function amount(v: unknown, what: string): bigint {
  return parseGenesisAmount(v, `params.${what}`, fail);
}

function blocks(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 100_000_000)
    fail(`params.${what} must be a whole number of blocks from 1 to 100000000`);
  return v;
}

export function parseNumbersGenesis(config: unknown): NumbersParams {
  if (typeof config !== "object" || config === null || Array.isArray(config)) fail("must be an object");
  const c = config as Record<string, unknown>;
  for (const k of Object.keys(c)) if (k !== "params") fail(`unknown field ${k}`);
  const raw = c.params ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail("params must be an object");
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!Object.hasOwn(DEFAULT_PARAMS, k)) fail(`unknown param ${k}`);
  return {
    claimDeposit:
      r.claimDeposit === undefined ? DEFAULT_PARAMS.claimDeposit : amount(r.claimDeposit, "claimDeposit"),
    portFee: r.portFee === undefined ? DEFAULT_PARAMS.portFee : amount(r.portFee, "portFee"),
    confirmDeadline:
      r.confirmDeadline === undefined
        ? DEFAULT_PARAMS.confirmDeadline
        : blocks(r.confirmDeadline, "confirmDeadline"),
    portDeadline:
      r.portDeadline === undefined ? DEFAULT_PARAMS.portDeadline : blocks(r.portDeadline, "portDeadline"),
  };
}
