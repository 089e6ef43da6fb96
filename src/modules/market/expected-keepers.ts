/**
 * What the market reads and moves of the vouchers module, through ctx.keeper("vouchers") and
 * ctx.writeKeeper("vouchers") (Cosmos's expected keepers). This is THE CONTRACT between the
 * two modules, word for word: vouchers implements it, the market consumes nothing else.
 */

/** A voucher class as the market needs it (a type, not an interface: vouchers owns the schema). */
export type VoucherClassInfo = {
  /** The issuing carrier's id. */
  issuer: string;
  unit: "minute" | "message" | "megabyte";
  /** Its expiry height: after it, balances read 0 and units cannot move. */
  expiry: number;
  transferable: boolean;
};

/** The vouchers module's read keeper (`keeper(state)`), as far as the market uses it. */
export interface ExpectedVoucherClasses {
  /** Class `classId` (ids count from 1), or undefined when there is none. */
  classInfo(classId: number): VoucherClassInfo | undefined;
  /** Units of the class `holder` holds (0 after the class's expiry). */
  balance(classId: number, holder: Uint8Array): bigint;
}

/**
 * The vouchers module's write keeper (`writeKeeper(state)`): units move between a holder and
 * the caller's custody (the market's escrow), in the caller's transaction or end-of-block step.
 */
export interface ExpectedVoucherMoves {
  /**
   * Removes `amount` units from `holder` into the caller's custody. Refuses, with vouchers'
   * own codes: unknown class, expired at `height`, not transferable, insufficient balance, 0.
   */
  take(classId: number, holder: Uint8Array, amount: bigint, height: number): void;
  /**
   * Adds `amount` units (taken before) to `holder`. Refuses: unknown class, expired at
   * `height` (the caller decides what an expired escrow means), overflow.
   */
  give(classId: number, holder: Uint8Array, amount: bigint, height: number): void;
}
