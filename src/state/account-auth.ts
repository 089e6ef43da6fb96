/**
 * Who may act for an account, beside its balance and nonce: the authorising key (the key whose
 * signatures the chain accepts for the address; the address's own Ed25519 key until a rotation),
 * a lock (until a height, no transfers out and no transactions but the lock-exempt kinds), and
 * the published memo key (X25519, to which senders encrypt memos). Core state, like accounts:
 * the core checks every transaction's signature against it. A record exists only for an account
 * that differs from the default, so accounts that never rotate cost nothing.
 */
import { ContainerType, type ValueOf } from "@chainsafe/ssz";
import { equalBytes } from "../bytes.js";
import { Bytes32, Uint53 } from "../codec/schema.js";
import type { StateReader, StateView } from "./view.js";

export const AccountAuth = new ContainerType(
  {
    /** The key that signs for the address (the address itself when never rotated). */
    key: Bytes32,
    /** The account is locked at heights below this one (0: not locked). */
    lockedUntil: Uint53,
    /** X25519 public key for memos; all zero when none was published. */
    memoKey: Bytes32,
  },
  { typeName: "AccountAuth" },
);
export type AccountAuth = ValueOf<typeof AccountAuth>;

/** State keys of account authorisation records: "k/" || 32-byte address. */
export const AUTH_PREFIX = new TextEncoder().encode("k/");
const ZERO32 = new Uint8Array(32);

/** A core state key of an address: `prefix` || 32-byte address (accounts "a/", these records "k/"). */
export function addressStateKey(prefix: Uint8Array, address: Uint8Array): Uint8Array {
  const k = new Uint8Array(prefix.length + 32);
  k.set(prefix);
  k.set(address, prefix.length);
  return k;
}

const authStateKey = (address: Uint8Array): Uint8Array => addressStateKey(AUTH_PREFIX, address);

/** The account's record, or the default one (own key, not locked, no memo key). */
export function readAuth(state: StateReader, address: Uint8Array): AccountAuth {
  const raw = state.get(authStateKey(address));
  return raw ? AccountAuth.deserialize(raw) : { key: address, lockedUntil: 0, memoKey: ZERO32 };
}

/** Writes the record; the default record is deleted instead (absent means default). */
export function writeAuth(state: StateView, address: Uint8Array, auth: AccountAuth): void {
  const isDefault =
    equalBytes(auth.key, address) && auth.lockedUntil === 0 && equalBytes(auth.memoKey, ZERO32);
  if (isDefault) state.delete(authStateKey(address));
  else state.set(authStateKey(address), AccountAuth.serialize(auth));
}

/** The key whose signatures the chain accepts for `address` in `state`. */
export function authorisingKey(state: StateReader, address: Uint8Array): Uint8Array {
  const raw = state.get(authStateKey(address));
  return raw ? AccountAuth.deserialize(raw).key : address;
}

/** The account is locked at `height` (a block being executed at that height). */
export function isLockedAt(auth: AccountAuth, height: number): boolean {
  return height < auth.lockedUntil;
}

/** The memo key, or undefined when the account published none. */
export function memoKeyOf(auth: AccountAuth): Uint8Array | undefined {
  return equalBytes(auth.memoKey, ZERO32) ? undefined : auth.memoKey;
}
