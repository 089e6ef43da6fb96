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
 */
import type { Type } from "@chainsafe/ssz";
import { concatBytes, u64be } from "../../bytes.js";
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

const read = <T>(type: Type<T>, state: StateReader, key: Uint8Array): T | undefined => {
  const v = state.get(key);
  return v && type.deserialize(v);
};

export const readNumber = (state: StateReader, digits: string) => read(NumberEntry, state, numberKey(digits));
export const writeNumber = (state: StateView, digits: string, entry: NumberEntry) =>
  state.set(numberKey(digits), NumberEntry.serialize(entry));
export const readCommit = (state: StateReader, hash: Uint8Array, sender: Uint8Array) =>
  read(CommitEntry, state, commitKey(hash, sender));
export const readVerifier = (state: StateReader, pub: Uint8Array) =>
  read(VerifierEntry, state, verifierKey(pub));
export const writeVerifier = (state: StateView, pub: Uint8Array, entry: VerifierEntry) =>
  state.set(verifierKey(pub), VerifierEntry.serialize(entry));
export const nonceUsed = (state: StateReader, verifier: Uint8Array, nonce: Uint8Array) =>
  state.get(nonceKey(verifier, nonce)) !== undefined;
export const markNonceUsed = (state: StateView, verifier: Uint8Array, nonce: Uint8Array, height: number) =>
  state.set(nonceKey(verifier, nonce), u64be(height));
