/**
 * A test-only stand-in for the vouchers module (no tests here): a module named "vouchers" that
 * implements exactly THE CONTRACT the market consumes (expected-keepers.ts) — the read keeper's
 * classInfo and balance, the write keeper's take and give — over its own state, with two
 * test kinds to make classes and mint units. It keeps, per class, `supply` (minted) and
 * `custody` (taken − given), so that sum(balances) + custody == supply, as vouchers does. The
 * market's tests and its bench run on it; the real vouchers module replaces it after the merge.
 *
 * A class is expired at heights above its expiry (take and give refuse there); the market keeps
 * clear of the expiry block whichever way vouchers counts it (book.ts).
 */
import { ContainerType, type ValueOf } from "@chainsafe/ssz";
import { concatBytes, u64be } from "../../bytes.js";
import { Bool, Bytes32, container, Uint8, Uint53, Uint64 } from "../../codec/schema.js";
import { utf8 } from "../../crypto/hash.js";
import { TelchainError } from "../../errors.js";
import type { Module } from "../../module/interface.js";
import { calls, defineKind } from "../../module/kind.js";
import { entries } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import type { ExpectedVoucherClasses, ExpectedVoucherMoves } from "./expected-keepers.js";

const MAX = (1n << 64n) - 1n;
const UNITS = ["minute", "message", "megabyte"] as const;

const ClassEntry = container("StandInVoucherClass", {
  unit: Uint8,
  expiry: Uint53,
  transferable: Bool,
  supply: Uint64,
  custody: Uint64,
});
type ClassEntry = ValueOf<typeof ClassEntry>;
const classes = entries(ClassEntry, (id: number) => concatBytes(utf8("c/"), u64be(id)));
const lastClass = entries(Uint53, () => utf8("n"));
const balances = entries(Uint64, ([id, holder]: [number, Uint8Array]) =>
  concatBytes(utf8("b/"), u64be(id), holder),
);

/** The codes the stand-in refuses with (the real module has its own). */
export const STANDIN_VOUCHERS_CODES = [
  "VOUCHERS_UNKNOWN_CLASS",
  "VOUCHERS_EXPIRED",
  "VOUCHERS_NOT_TRANSFERABLE",
  "VOUCHERS_INSUFFICIENT",
  "VOUCHERS_ZERO_AMOUNT",
  "VOUCHERS_OVERFLOW",
  "VOUCHERS_NOT_IN_CUSTODY",
] as const;

const refuse = (code: (typeof STANDIN_VOUCHERS_CODES)[number], message: string): never => {
  throw new TelchainError(code, message);
};
const balanceOf = (state: StateReader, id: number, holder: Uint8Array) =>
  balances.get(state, [id, holder]) ?? 0n;
function setBalance(state: StateView, id: number, holder: Uint8Array, amount: bigint) {
  if (amount === 0n) balances.delete(state, [id, holder]);
  else balances.set(state, [id, holder], amount);
}
function usable(state: StateReader, id: number, height: number): ClassEntry {
  const c = classes.get(state, id) ?? refuse("VOUCHERS_UNKNOWN_CLASS", `no class ${id}`);
  if (height > c.expiry) refuse("VOUCHERS_EXPIRED", `class ${id} expired at ${c.expiry}`);
  return c;
}

const standInKinds = {
  create: defineKind({
    payload: new ContainerType({ unit: Uint8, expiry: Uint53, transferable: Bool }),
    parse: (p) => p,
    apply(ctx, p) {
      const id = (lastClass.get(ctx.state, undefined) ?? 0) + 1;
      lastClass.set(ctx.state, undefined, id);
      classes.set(ctx.state, id, { ...p, supply: 0n, custody: 0n });
    },
  }),
  mint: defineKind({
    payload: new ContainerType({ classId: Uint53, to: Bytes32, amount: Uint64 }),
    parse: (p) => p,
    apply(ctx, p) {
      const c =
        classes.get(ctx.state, p.classId) ?? refuse("VOUCHERS_UNKNOWN_CLASS", `no class ${p.classId}`);
      if (c.supply + p.amount > MAX) refuse("VOUCHERS_OVERFLOW", "supply would pass 2^64 − 1");
      classes.set(ctx.state, p.classId, { ...c, supply: c.supply + p.amount });
      setBalance(ctx.state, p.classId, p.to, balanceOf(ctx.state, p.classId, p.to) + p.amount);
    },
  }),
};
export const standInCalls = calls("vouchers", standInKinds);

/** What the tests read besides the contract: a class's supply and custody. */
export interface StandInKeeper extends ExpectedVoucherClasses {
  supplyOf(classId: number): { supply: bigint; custody: bigint };
}

export const standInVouchers: Module = {
  name: "vouchers",
  kinds: standInKinds,
  keeper: (state): StandInKeeper => ({
    classInfo(classId) {
      const c = classes.get(state, classId);
      return (
        c && {
          issuer: "TST",
          unit: UNITS[c.unit] ?? "minute",
          expiry: c.expiry,
          transferable: c.transferable,
        }
      );
    },
    balance: (classId, holder) => balanceOf(state, classId, holder),
    supplyOf(classId) {
      const c = classes.get(state, classId);
      return { supply: c?.supply ?? 0n, custody: c?.custody ?? 0n };
    },
  }),
  writeKeeper: (state): ExpectedVoucherMoves => ({
    take(classId, holder, amount, height) {
      const c = usable(state, classId, height);
      if (!c.transferable) refuse("VOUCHERS_NOT_TRANSFERABLE", `class ${classId} is not transferable`);
      if (amount === 0n) refuse("VOUCHERS_ZERO_AMOUNT", "take 0 units");
      const have = balanceOf(state, classId, holder);
      if (have < amount) refuse("VOUCHERS_INSUFFICIENT", `holds ${have}, take ${amount}`);
      setBalance(state, classId, holder, have - amount);
      classes.set(state, classId, { ...c, custody: c.custody + amount });
    },
    give(classId, holder, amount, height) {
      const c = usable(state, classId, height);
      if (amount === 0n) refuse("VOUCHERS_ZERO_AMOUNT", "give 0 units");
      if (c.custody < amount) refuse("VOUCHERS_NOT_IN_CUSTODY", `custody ${c.custody}, give ${amount}`);
      const have = balanceOf(state, classId, holder);
      if (have + amount > MAX) refuse("VOUCHERS_OVERFLOW", "balance would pass 2^64 − 1");
      setBalance(state, classId, holder, have + amount);
      classes.set(state, classId, { ...c, custody: c.custody - amount });
    },
  }),
};

/**
 * Writes class `id` straight into the stand-in's state, for a bench's genesis: `custody` units
 * already in a market's escrow and `balances` held, their sum the supply.
 */
export function seedStandInClass(
  state: StateView,
  id: number,
  c: { expiry: number; custody: bigint; balances: [Uint8Array, bigint][] },
): void {
  let supply = c.custody;
  for (const [holder, amount] of c.balances) {
    setBalance(state, id, holder, amount);
    supply += amount;
  }
  classes.set(state, id, { unit: 2, expiry: c.expiry, transferable: true, supply, custody: c.custody });
  lastClass.set(state, undefined, Math.max(id, lastClass.get(state, undefined) ?? 0));
}
