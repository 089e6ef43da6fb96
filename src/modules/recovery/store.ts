/**
 * State layout of the recovery module (keys relative to m/recovery/):
 *
 *   p                                  -> ParamsEntry      the delay bounds (absent: derived, params.ts)
 *   r/<account 32>                     -> AccountRecovery  an account's guardians, pending change,
 *                                                          proposals, started recovery, lock, vetoes
 *   g/<guardian address 32><account hex 64>  -> 0x01       index: the accounts an address guards
 *   G/<carrier id>/<account hex 64>          -> 0x01       index: the accounts a carrier guards
 *
 * The indexes list the guardians of the config in force and of a pending change, as last written;
 * a pending change applies lazily (rules.ts), so a list checks each account's config at the head.
 */
import { concatBytes, fromHex, toHex, utf8 } from "../../bytes.js";
import { entries, indexed, indexOn } from "../../module/store.js";
import { AccountRecovery, type GuardianConfig } from "./schemas.js";

export const PARAMS_KEY = utf8("p");

/** The accounts an address guards: g/<guardian><account hex>. */
export const byGuardianAddress = indexOn("g/");
/** The accounts a carrier guards: G/<carrier>/<account hex>. */
export const byGuardianCarrier = indexOn("G/");

const indexKeys = (account: Uint8Array, config: GuardianConfig) =>
  config.guardians.map((g) =>
    g.carrier === ""
      ? byGuardianAddress.key(g.address, toHex(account))
      : byGuardianCarrier.key(g.carrier, toHex(account)),
  );

const records = indexed(
  entries(AccountRecovery, (account: Uint8Array) => concatBytes(utf8("r/"), account)),
  (account, r) => [
    ...indexKeys(account, r.config),
    ...r.pending.flatMap((p) => indexKeys(account, p.config)),
  ],
);

export const { get: readRecord, set: writeRecord, key: recoveryKey } = records;

/** The account of an index key's tail (its 64 hex digits). */
export const accountOfIndexTail = (tail: string): Uint8Array | undefined =>
  /^[0-9a-f]{64}$/.test(tail) ? fromHex(tail) : undefined;
