/**
 * Accounts (balance and nonce) are core state: the core charges fees, checks nonces and
 * pays block rewards. Modules move coins through the AccountsKeeper interface.
 */
import { ContainerType, type ValueOf } from "@chainsafe/ssz";
import { Uint53, Uint64 } from "../codec/schema.js";
import { encodeAddress } from "../crypto/address.js";
import { TelchainError } from "../errors.js";
import type { AccountControl, AccountsKeeper } from "../module/interface.js";
import { addressStateKey, memoKeyOf, readAuth, writeAuth } from "./account-auth.js";
import type { StateReader, StateView } from "./view.js";

export const Account = new ContainerType({ balance: Uint64, nonce: Uint53 }, { typeName: "Account" });
export type Account = ValueOf<typeof Account>;

const MAX_U64 = (1n << 64n) - 1n;
/** State keys of accounts: "a/" || 32-byte address. */
export const ACCOUNT_PREFIX = new TextEncoder().encode("a/");

export function accountKey(address: Uint8Array): Uint8Array {
  return addressStateKey(ACCOUNT_PREFIX, address);
}

export function readAccount(state: StateReader, address: Uint8Array): Account {
  const raw = state.get(accountKey(address));
  return raw ? Account.deserialize(raw) : { balance: 0n, nonce: 0 };
}

export function writeAccount(state: StateView, address: Uint8Array, acct: Account): void {
  if (acct.balance === 0n && acct.nonce === 0) state.delete(accountKey(address));
  else state.set(accountKey(address), Account.serialize(acct));
}

export class Accounts implements AccountsKeeper, AccountControl {
  /**
   * `height`: the height of the block being executed; with it, a debit of an account locked at
   * that height is refused (ACCOUNT_LOCKED). Without it (genesis), there are no locks to check.
   */
  constructor(
    private readonly state: StateView,
    private readonly height?: number,
  ) {}

  get(address: Uint8Array): Account {
    return readAccount(this.state, address);
  }

  balance(address: Uint8Array): bigint {
    return this.get(address).balance;
  }

  debit(address: Uint8Array, amount: bigint): void {
    if (amount < 0n) throw new TelchainError("ACCOUNT_BAD_AMOUNT", `negative amount ${amount}`);
    if (this.height !== undefined) {
      const until = this.lockedUntil(address);
      if (this.height < until) {
        throw new TelchainError(
          "ACCOUNT_LOCKED",
          `account ${encodeAddress(address)} is locked until height ${until}: nothing can leave it`,
        );
      }
    }
    const a = this.get(address);
    if (a.balance < amount) {
      throw new TelchainError(
        "ACCOUNT_INSUFFICIENT_FUNDS",
        `account ${encodeAddress(address)} has ${a.balance}, needs ${amount}`,
      );
    }
    writeAccount(this.state, address, { balance: a.balance - amount, nonce: a.nonce });
  }

  credit(address: Uint8Array, amount: bigint): void {
    if (amount < 0n) throw new TelchainError("ACCOUNT_BAD_AMOUNT", `negative amount ${amount}`);
    const a = this.get(address);
    const balance = a.balance + amount;
    if (balance > MAX_U64) throw new TelchainError("ACCOUNT_OVERFLOW", `balance would exceed 2^64-1`);
    writeAccount(this.state, address, { balance, nonce: a.nonce });
  }

  set(address: Uint8Array, acct: Account): void {
    writeAccount(this.state, address, acct);
  }

  bumpNonce(address: Uint8Array): void {
    const a = this.get(address);
    writeAccount(this.state, address, { balance: a.balance, nonce: a.nonce + 1 });
  }

  authorisingKey(address: Uint8Array): Uint8Array {
    return readAuth(this.state, address).key;
  }

  lockedUntil(address: Uint8Array): number {
    return readAuth(this.state, address).lockedUntil;
  }

  memoKey(address: Uint8Array): Uint8Array | undefined {
    return memoKeyOf(readAuth(this.state, address));
  }

  setAuthorisingKey(address: Uint8Array, key: Uint8Array): void {
    writeAuth(this.state, address, { ...readAuth(this.state, address), key });
  }

  lock(address: Uint8Array, untilHeight: number): void {
    writeAuth(this.state, address, { ...readAuth(this.state, address), lockedUntil: untilHeight });
  }

  setMemoKey(address: Uint8Array, key: Uint8Array): void {
    writeAuth(this.state, address, { ...readAuth(this.state, address), memoKey: key });
  }
}
