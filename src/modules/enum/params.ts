/**
 * The module's parameters: defaults, bounds, and parsing of the genesis `params` object.
 * They are written to the state at genesis (so every kind reads the same values) and are
 * fixed for the life of the chain.
 */
import { parseGenesisAmount } from "../../chain/genesis-amount.js";
import { decodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import { type EnumParams, MAX_RECORDS } from "./schemas.js";

const COIN = 1_000_000_000n;
const DAY = 86_400;

export const DEFAULT_PARAMS: Omit<EnumParams, "hasAuthority" | "authority"> = {
  commitMinAge: 2, // blocks a commit must age before its reveal
  commitMaxAge: 500, // blocks after which a commit is stale
  registrationPeriod: 100_000, // blocks a registration (or renewal) lasts
  gracePeriod: 1_000, // blocks after expiry during which only the owner may renew
  attestationGrace: 7 * DAY, // seconds records stay served after attestedUntil
  maxAttestationValidity: 2 * 365 * DAY, // seconds an attestation may run ahead of the block
  registrationFee: 1n * COIN, // burned
  renewFee: 1n * COIN, // burned
  verifierBond: 1_000n * COIN,
  maxRecords: MAX_RECORDS,
};

type NumericParam = Exclude<keyof typeof DEFAULT_PARAMS, "registrationFee" | "renewFee" | "verifierBond">;
/** Inclusive bounds of the integer params. */
const BOUNDS: Record<NumericParam, [number, number]> = {
  commitMinAge: [1, 100_000],
  commitMaxAge: [1, 1_000_000],
  registrationPeriod: [1, 100_000_000],
  gracePeriod: [0, 100_000_000],
  attestationGrace: [0, 365 * DAY],
  maxAttestationValidity: [1, 10 * 365 * DAY],
  maxRecords: [1, MAX_RECORDS],
};

export function fail(msg: string): never {
  throw new TelchainError("GENESIS_INVALID", `genesis modules.enum: ${msg}`);
}

function amount(v: unknown, what: string): bigint {
  return parseGenesisAmount(v, `params.${what}`, fail);
}

/** Parses `authority` and `params` of the genesis section; missing params take the defaults. */
export function parseParams(authority: unknown, raw: unknown): EnumParams {
  if (raw !== undefined && (typeof raw !== "object" || raw === null || Array.isArray(raw)))
    fail("params must be an object");
  const r = (raw ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!Object.hasOwn(DEFAULT_PARAMS, k)) fail(`unknown param ${k}`);
  const out: EnumParams = { ...DEFAULT_PARAMS, hasAuthority: false, authority: new Uint8Array(32) };
  for (const [k, [min, max]] of Object.entries(BOUNDS) as [NumericParam, [number, number]][]) {
    const v = r[k] ?? DEFAULT_PARAMS[k];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
      fail(`params.${k} must be an integer from ${min} to ${max}`);
    out[k] = v;
  }
  if (out.commitMaxAge < out.commitMinAge) fail("params.commitMaxAge must be at least commitMinAge");
  for (const k of ["registrationFee", "renewFee", "verifierBond"] as const) {
    out[k] = r[k] === undefined ? DEFAULT_PARAMS[k] : amount(r[k], k);
  }
  if (authority !== undefined) {
    if (typeof authority !== "string") fail("authority must be an address (tel1...)");
    try {
      out.authority = decodeAddress(authority);
    } catch (e) {
      fail(`authority: ${(e as Error).message}`);
    }
    out.hasAuthority = true;
  }
  return out;
}
