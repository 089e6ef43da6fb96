/**
 * The rules of an account's recovery record that need no transaction: which config is in force
 * at a height (a pending change applies lazily once its height comes, and clears the proposals
 * made under the old rules; proposals live `delay` blocks), what a guardian list must be, and
 * which guardian entry a key acts for.
 */
import { equalBytes } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { publicKeyRejectReason } from "../../crypto/ed25519.js";
import { TelchainError } from "../../errors.js";
import { atHeight, guardianText } from "./at-height.js";
import { type Guardian, GuardianConfig, MAX_GUARDIANS } from "./schemas.js";

export { atHeight, guardianText };

/** The same guardians (in the same order), threshold and delay. */
export const sameConfig = (a: GuardianConfig, b: GuardianConfig): boolean =>
  equalBytes(GuardianConfig.serialize(a), GuardianConfig.serialize(b));

/** The stateless rules of a config: 1–10 usable guardians, none twice, threshold 1..count. */
export function checkConfig(c: GuardianConfig): GuardianConfig {
  const n = c.guardians.length;
  if (n < 1 || n > MAX_GUARDIANS)
    throw new TelchainError(
      "RECOVERY_BAD_GUARDIANS",
      `an account has 1 to ${MAX_GUARDIANS} guardians; got ${n}`,
    );
  const seen = new Set<string>();
  for (const g of c.guardians) {
    checkGuardian(g);
    const id = guardianText(g);
    if (seen.has(id)) throw new TelchainError("RECOVERY_DUPLICATE_GUARDIAN", `${id} is named twice`);
    seen.add(id);
  }
  if (c.threshold < 1 || c.threshold > n)
    throw new TelchainError(
      "RECOVERY_BAD_THRESHOLD",
      `the threshold must be from 1 to the number of guardians (${n}); got ${c.threshold}`,
    );
  return c;
}

function checkGuardian(g: Guardian): void {
  if (g.carrier !== "") {
    if (g.address.some((b) => b !== 0))
      throw new TelchainError(
        "RECOVERY_BAD_GUARDIAN",
        `guardian carrier:${g.carrier} also names an address: a guardian is one or the other`,
      );
    return;
  }
  const why = publicKeyRejectReason(g.address);
  if (why)
    throw new TelchainError(
      "RECOVERY_BAD_GUARDIAN",
      `guardian ${encodeAddress(g.address)} is not a key anyone can sign with: ${why}`,
    );
}

/**
 * The guardian entry `sender` acts for: its own address's entry, else the entry of the carrier it
 * operates. One key acts for one entry, so it approves once, whatever else it operates.
 */
export function guardianIndexOf(
  guardians: readonly Guardian[],
  sender: Uint8Array,
  carrierOfOperator: (key: Uint8Array) => string | undefined,
): number | undefined {
  const own = guardians.findIndex((g) => g.carrier === "" && equalBytes(g.address, sender));
  if (own >= 0) return own;
  const carrier = carrierOfOperator(sender);
  if (carrier === undefined) return undefined;
  const i = guardians.findIndex((g) => g.carrier === carrier);
  return i >= 0 ? i : undefined;
}
