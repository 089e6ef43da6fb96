/**
 * The genesis section `modules.enum`:
 *
 *   {
 *     "authority": "tel1...",                          // optional: may revoke verifiers
 *     "verifiers": [{ "address": "tel1...", "name": "..." }],
 *     "params": { "commitMinAge": 2, ... },            // optional, see params.ts
 *     "numbers": [{ "number": "+15551234567", "owner": "tel1...", "verifier": "tel1...",
 *                   "records": [NaptrRecord...], "attestedUntil": 1790000000 }]
 *   }
 *
 * Genesis verifiers hold no bond. Pre-registered numbers (e.g. the 100,000 of the DNS
 * benchmark) are registered at height 0 and expire at registrationPeriod. The genesis runs
 * on every node start, so loading is kept linear and cheap: one map lookup per number
 * check (e164.ts), addresses decoded once per distinct string.
 */
import { decodeAddress } from "../../crypto/address.js";
import type { GenesisContext } from "../../module/interface.js";
import { parseE164 } from "../../telephony/e164.js";
import { fail, parseParams } from "./params.js";
import { validateRecords } from "./records.js";
import { type NaptrRecord, ParamsEntry, VerifierName } from "./schemas.js";
import { PARAMS_KEY, writeNumber, writeVerifier } from "./store.js";

/** `f()`, or GENESIS_INVALID naming `what` with the reason `f` gave. */
function within<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    fail(`${what}: ${(e as Error).message}`);
  }
}

function list(v: unknown, what: string): Record<string, unknown>[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(`${what} must be a list`);
  return v as Record<string, unknown>[];
}

export function enumGenesis(ctx: GenesisContext, config: unknown): void {
  if (config === undefined) return; // defaults, no verifiers (store.ts readParams)
  if (typeof config !== "object" || config === null || Array.isArray(config)) fail("must be an object");
  const c = config as Record<string, unknown>;
  for (const k of Object.keys(c))
    if (!["authority", "verifiers", "params", "numbers"].includes(k)) fail(`unknown field ${k}`);
  const params = parseParams(c.authority, c.params);
  ctx.state.set(PARAMS_KEY, ParamsEntry.serialize(params));

  const addresses = new Map<string, Uint8Array>();
  const address = (v: unknown, what: string): Uint8Array => {
    if (typeof v !== "string") fail(`${what} must be an address (tel1...)`);
    const a = addresses.get(v) ?? within(what, () => decodeAddress(v));
    addresses.set(v, a);
    return a;
  };

  const verifiers = new Set<string>();
  list(c.verifiers, "verifiers").forEach((v, i) => {
    const pub = address(v?.address, `verifiers[${i}].address`);
    if (typeof v.name !== "string") fail(`verifiers[${i}].name must be a string`);
    within(`verifiers[${i}]`, () => VerifierName.check(v.name as string, "verifier name"));
    if (verifiers.has(v.address as string)) fail(`verifiers[${i}] is listed twice`);
    verifiers.add(v.address as string);
    writeVerifier(ctx.state, pub, {
      name: v.name,
      bond: 0n,
      registeredAt: 0,
      revokedAt: 0,
      revokedByAuthority: false,
    });
  });

  const seen = new Set<string>();
  list(c.numbers, "numbers").forEach((n, i) => {
    const what = `numbers[${i}]`;
    const { digits } = within(what, () => parseE164(n?.number as string, "ENUM_BAD_NUMBER"));
    if (seen.has(digits)) fail(`${what}: ${n.number} is listed twice`);
    seen.add(digits);
    const owner = address(n.owner, `${what}.owner`);
    if (!verifiers.has(n.verifier as string)) fail(`${what}.verifier is not one of the genesis verifiers`);
    const verifier = address(n.verifier, `${what}.verifier`);
    const until = n.attestedUntil;
    if (typeof until !== "number" || !Number.isSafeInteger(until) || until < 0)
      fail(`${what}.attestedUntil must be unix seconds`);
    if (!Array.isArray(n.records)) fail(`${what}.records must be a list`);
    const records = within(what, () => validateRecords(n.records as NaptrRecord[], params.maxRecords));
    writeNumber(ctx.state, digits, {
      owner,
      verifier,
      registeredAt: 0,
      expiresAt: params.registrationPeriod,
      attestedUntil: until,
      records,
    });
  });
}
