/**
 * State layout of the module (keys relative to its prefix m/enum/):
 *
 *   p                          -> ParamsEntry          parameters, written at genesis
 *   n/<digits>                 -> NumberEntry          a number, key = ASCII E.164 digits without "+",
 *                                                      so a scan of "n/<prefix>" finds the numbers below
 *                                                      a DNS name (the digit-prefix order is the key order)
 *   c/<hash 32><sender 32>     -> CommitEntry          a pending commit; keyed by hash AND committer, so
 *                                                      copying someone's commit hash cannot block theirs
 *   v/<verifier key 32>        -> VerifierEntry        a verifier (active or revoked; revoked keys stay)
 *   u/<verifier 32><nonce 32>  -> height (u64)         attestation nonces already used, per verifier
 *   o/<owner 32><digits>       -> 0x01                 index: the numbers of an owner (GET /v1/enum?owner=),
 *                                                      written with the entry (module/store.ts `indexed`)
 */
import { concatBytes, u64be } from "../../bytes.js";
import { entries, indexed, indexOn } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import { DEFAULT_PARAMS } from "./params.js";
import { CommitEntry, type EnumParams, NumberEntry, ParamsEntry, VerifierEntry } from "./schemas.js";

const encoder = new TextEncoder();
const ascii = (s: string) => encoder.encode(s);

export const PARAMS_KEY = ascii("p");
export const NUMBER_PREFIX = ascii("n/");
export const COMMIT_PREFIX = ascii("c/");
export const VERIFIER_PREFIX = ascii("v/");
export const NONCE_PREFIX = ascii("u/");

export const numberKey = (digits: string) => concatBytes(NUMBER_PREFIX, ascii(digits));
export const commitKey = (hash: Uint8Array, sender: Uint8Array) => concatBytes(COMMIT_PREFIX, hash, sender);
export const verifierKey = (pub: Uint8Array) => concatBytes(VERIFIER_PREFIX, pub);
/** The numbers of an owner (index keys written with the entry). */
export const byOwner = indexOn("o/");
const numbers = indexed(entries(NumberEntry, numberKey), (digits: string, e) => [
  byOwner.key(e.owner, digits),
]);
export const nonceKey = (verifier: Uint8Array, nonce: Uint8Array) =>
  concatBytes(NONCE_PREFIX, verifier, nonce);

/**
 * Parameters from the state. A genesis without an enum section writes nothing (so adding
 * the module does not change the genesis of existing chains) and runs on the defaults.
 */
export function readParams(state: StateReader): EnumParams {
  const v = state.get(PARAMS_KEY);
  if (!v) return { ...DEFAULT_PARAMS, hasAuthority: false, authority: new Uint8Array(32) };
  return ParamsEntry.deserialize(v);
}

const verifiers = entries(VerifierEntry, verifierKey);
const commits = entries(CommitEntry, (key: Uint8Array) => key);

export const { get: readNumber, set: writeNumber } = numbers;
export const readCommit = (state: StateReader, hash: Uint8Array, sender: Uint8Array) =>
  commits.get(state, commitKey(hash, sender));
export const { get: readVerifier, set: writeVerifier } = verifiers;
export const nonceUsed = (state: StateReader, verifier: Uint8Array, nonce: Uint8Array) =>
  state.get(nonceKey(verifier, nonce)) !== undefined;
export const markNonceUsed = (state: StateView, verifier: Uint8Array, nonce: Uint8Array, height: number) =>
  state.set(nonceKey(verifier, nonce), u64be(height));
