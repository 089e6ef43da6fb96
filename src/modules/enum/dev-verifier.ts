/**
 * The dev chain's verifier. Its key comes from the published dev mnemonic (account index
 * 100, well clear of dev0..dev9), so `telchain ... --dev` can attest numbers on its own.
 * Public key, public secret: dev/test networks only.
 */
import { encodeAddress } from "../../crypto/address.js";
import { DEV_MNEMONIC, devAccount, keyFromMnemonic } from "../../crypto/mnemonic.js";

export const DEV_VERIFIER_INDEX = 100;
export const DEV_VERIFIER_NAME = "telchain dev verifier";

let cached: { seed32: Uint8Array; publicKey: Uint8Array; address: string } | undefined;

export function devVerifier(): { seed32: Uint8Array; publicKey: Uint8Array; address: string } {
  if (!cached) {
    const { seed32, publicKey } = keyFromMnemonic(DEV_MNEMONIC, DEV_VERIFIER_INDEX); // PBKDF2: once
    cached = { seed32, publicKey, address: encodeAddress(publicKey) };
  }
  return { seed32: cached.seed32.slice(), publicKey: cached.publicKey.slice(), address: cached.address };
}

/** The enum section of the dev genesis: the dev verifier, dev0 as authority, short dev params. */
export function devEnumGenesis(): Record<string, unknown> {
  return {
    authority: devAccount(0).address,
    verifiers: [{ address: devVerifier().address, name: DEV_VERIFIER_NAME }],
    params: { commitMinAge: 2, commitMaxAge: 500, registrationPeriod: 100_000, gracePeriod: 1_000 },
  };
}
