/** What the allowances kinds share: ids, amounts, the grant of an id and its parties. */
import { equalBytes } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import type { StateReader } from "../../../state/view.js";
import type { GrantEntry } from "../schemas.js";
import { readGrant } from "../store.js";

/** A grant id of a payload: 1 to 2^53 − 1 (ALLOWANCES_BAD_ID). */
export function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 1)
    throw new TelchainError(
      "ALLOWANCES_BAD_ID",
      `the grant id must be a whole number from 1 to 2^53 − 1; got ${id}`,
    );
  return id;
}

/** An amount of at least 1 base unit (ALLOWANCES_BAD_AMOUNT). */
export function positive(n: bigint, what: string): bigint {
  if (n < 1n)
    throw new TelchainError("ALLOWANCES_BAD_AMOUNT", `${what} must be at least 1 base unit; got ${n}`);
  return n;
}

/** The open grant `id` (ALLOWANCES_NO_GRANT when there is none). */
export function grantOf(state: StateReader, id: number): GrantEntry {
  const g = readGrant(state, id);
  if (!g)
    throw new TelchainError(
      "ALLOWANCES_NO_GRANT",
      `no open grant ${id} (never made, revoked, exhausted, or expired and pruned)`,
    );
  return g;
}

/** Refuses anyone but the grant's payer (ALLOWANCES_NOT_PAYER). */
export function ensurePayer(g: GrantEntry, sender: Uint8Array): void {
  if (!equalBytes(g.payer, sender))
    throw new TelchainError("ALLOWANCES_NOT_PAYER", `only grant ${g.id}'s payer may change or revoke it`);
}

export const ZERO_ADDRESS = new Uint8Array(32);
export const isZero = (a: Uint8Array) => equalBytes(a, ZERO_ADDRESS);
