/**
 * The market's ids as typed (route parameters, CLI arguments, proof ids): each refuses a
 * malformed one with its own code. Browser-safe (the SDK bundles it through proofs.ts).
 */
import { TelchainError } from "../../errors.js";

const MAX_DIGITS = 15;
const shown = (raw: string) => JSON.stringify(raw.slice(0, 40));

/** A voucher class id as typed (route parameter or CLI argument): MARKET_BAD_CLASS otherwise. */
export function parseClass(raw: string): number {
  if (!/^[0-9]+$/.test(raw) || raw.length > MAX_DIGITS || Number(raw) < 1)
    throw new TelchainError(
      "MARKET_BAD_CLASS",
      `a voucher class id is a whole number from 1, got ${shown(raw)}`,
    );
  return Number(raw);
}

/** A height as typed: MARKET_BAD_HEIGHT otherwise. */
export function parseHeight(raw: string): number {
  if (!/^[0-9]+$/.test(raw) || raw.length > MAX_DIGITS)
    throw new TelchainError("MARKET_BAD_HEIGHT", `a height is a whole number from 0, got ${shown(raw)}`);
  return Number(raw);
}

/** An order id as typed (what cancel takes): MARKET_BAD_ORDER otherwise. */
export function parseOrderId(raw: string): number {
  const ref = parseOrderRef(raw);
  if ("id" in ref) return ref.id;
  throw new TelchainError(
    "MARKET_BAD_ORDER",
    `cancel takes the order's id (a whole number from 1), got ${shown(raw)}`,
  );
}

/** An order as typed: its id, or the hash of the transaction that placed it. */
export function parseOrderRef(raw: string): { id: number } | { tx: string } {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return { tx: raw.toLowerCase() };
  if (/^[0-9]+$/.test(raw) && raw.length <= MAX_DIGITS && Number(raw) >= 1) return { id: Number(raw) };
  throw new TelchainError(
    "MARKET_BAD_ORDER",
    `an order is its id (a whole number from 1) or the hash of the transaction that placed it (64 hex digits), got ${shown(raw)}`,
  );
}
