/**
 * The keepers of the vouchers module (the contract with the market module, docs/vouchers.md):
 *
 * Read keeper (ctx.keeper("vouchers")):
 *   classInfo(classId)                 issuer, unit, expiry height, transferable; undefined if none
 *   balance(classId, holder, height?)  the holder's units, 0 once the class has expired at `height`
 *                                      (default: the block transactions run in, one past the last
 *                                      end of block; an end-of-block step passes its own height)
 *   totals(classId)                    issued, redeemed, pruned, custody, supply, holders
 *
 * Write keeper (ctx.writeKeeper("vouchers")), for a module that escrows units (a market):
 *   take(classId, holder, amount, height)  holder's units into the caller's custody
 *   give(classId, holder, amount, height)  units from custody back to a holder
 * Each refuses with vouchers' own codes and changes nothing then. Units taken are in no balance
 * until given back: per class, Σ balances + custody = supply (issued − redeemed − pruned).
 */
import { TelchainError } from "../../errors.js";
import type { StateReader, StateView } from "../../state/view.js";
import { classOf, ensureLive, positive } from "./kinds/common.js";
import { currentHeight, expiredAt } from "./prune.js";
import { type ClassEntry, UNITS, type Unit } from "./schemas.js";
import { addUnits, readBalanceEntry, readClass, removeUnits, writeClass } from "./store.js";

/** Units the class has in circulation: Σ balances + custody. */
export const supplyOf = (c: ClassEntry): bigint => c.issued - c.redeemed - c.pruned;

export const vouchersKeeper = (state: StateReader) => ({
  classInfo(
    classId: number,
  ): { issuer: string; unit: Unit; expiry: number; transferable: boolean } | undefined {
    const c = readClass(state, classId);
    return (
      c && {
        issuer: c.issuer,
        unit: UNITS[c.unit] ?? "minute",
        expiry: c.expiry,
        transferable: c.transferable,
      }
    );
  },
  balance(classId: number, holder: Uint8Array, height = currentHeight(state)): bigint {
    const c = readClass(state, classId);
    if (!c || expiredAt(c, height)) return 0n;
    return readBalanceEntry(state, classId, holder)?.amount ?? 0n;
  },
  totals(classId: number) {
    const c = readClass(state, classId);
    return (
      c && {
        issued: c.issued,
        redeemed: c.redeemed,
        pruned: c.pruned,
        custody: c.custody,
        supply: supplyOf(c),
        holders: c.holders,
      }
    );
  },
});
export type VouchersKeeper = ReturnType<typeof vouchersKeeper>;

export const vouchersWriteKeeper = (state: StateView) => ({
  /** Moves `amount` of the holder's units into custody (unknown, expired, non-transferable, short, 0: refused). */
  take(classId: number, holder: Uint8Array, amount: bigint, height: number): void {
    positive(amount, "the amount taken");
    const c = ensureLive(classOf(state, classId), height);
    if (!c.transferable)
      throw new TelchainError(
        "VOUCHERS_NOT_TRANSFERABLE",
        `class ${c.id} is not transferable: its units cannot be escrowed`,
      );
    removeUnits(state, c, holder, amount);
    c.custody += amount;
    writeClass(state, c.id, c);
  },
  /** Gives `amount` units from custody to the holder (unknown, expired, beyond custody, overflow, 0: refused). */
  give(classId: number, holder: Uint8Array, amount: bigint, height: number): void {
    positive(amount, "the amount given");
    const c = ensureLive(classOf(state, classId), height);
    if (amount > c.custody)
      throw new TelchainError(
        "VOUCHERS_CUSTODY_SHORT",
        `class ${c.id} has ${c.custody} units in custody, fewer than the ${amount} given`,
      );
    addUnits(state, c, holder, amount);
    c.custody -= amount;
    writeClass(state, c.id, c);
  },
});
export type VouchersWriteKeeper = ReturnType<typeof vouchersWriteKeeper>;
