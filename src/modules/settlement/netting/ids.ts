/**
 * The netting part's ids as typed (route parameters, CLI arguments, proof ids): a cycle number
 * and a carrier id, each refused with its own code. Browser-safe (bundled through proofs.ts).
 */
import { TelchainError } from "../../../errors.js";
import { CarrierId } from "../schemas.js";

const MAX_CYCLE_DIGITS = 15;

/** A cycle number as typed (route parameter or CLI argument): SETTLEMENT_BAD_CYCLE otherwise. */
export function parseCycle(raw: string): number {
  if (!/^[0-9]+$/.test(raw) || raw.length > MAX_CYCLE_DIGITS)
    throw new TelchainError(
      "SETTLEMENT_BAD_CYCLE",
      `a cycle is a whole number from 0 (at most ${MAX_CYCLE_DIGITS} digits), got ${JSON.stringify(raw.slice(0, 40))}`,
    );
  return Number(raw);
}

export const parseCarrier = (raw: string) => CarrierId.check(raw, "carrier");
