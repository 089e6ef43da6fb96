/** What the voucher kinds share: the sender's carrier, the class and its state, amounts' rules. */
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import { senderCarrierOf } from "../../../module/operator.js";
import type { StateReader } from "../../../state/view.js";
import type { ExpectedCarriers } from "../expected-keepers.js";
import { expiredAt } from "../prune.js";
import type { ClassEntry } from "../schemas.js";
import { MAX_U64, readClass } from "../store.js";

export const carriers = (ctx: { keeper<K>(module: string): K }) => ctx.keeper<ExpectedCarriers>("carriers");

/** The carrier the sender operates (VOUCHERS_NOT_OPERATOR when none). */
export const senderCarrier = (ctx: TxContext): string => senderCarrierOf(ctx, "VOUCHERS_NOT_OPERATOR");

/** A class or offer id of a payload: 1 to 2^53 − 1 (VOUCHERS_BAD_ID). */
export function checkId(id: number, what: string): number {
  if (!Number.isSafeInteger(id) || id < 1)
    throw new TelchainError(
      "VOUCHERS_BAD_ID",
      `${what} must be a whole number from 1 to 2^53 − 1; got ${id}`,
    );
  return id;
}

/** An amount of at least 1 (VOUCHERS_BAD_AMOUNT). */
export function positive<T extends bigint | number>(n: T, what: string): T {
  if (n < 1 || (typeof n === "number" && !Number.isSafeInteger(n)))
    throw new TelchainError("VOUCHERS_BAD_AMOUNT", `${what} must be at least 1; got ${n}`);
  return n;
}

/** a × b, refused past 2^64 − 1 (VOUCHERS_OVERFLOW). */
export function times(a: bigint, b: bigint, what: string): bigint {
  const p = a * b;
  if (p > MAX_U64) throw new TelchainError("VOUCHERS_OVERFLOW", `${what} (${a} × ${b}) would pass 2^64 − 1`);
  return p;
}

/** The class `id` (VOUCHERS_NO_CLASS when there is none). */
export function classOf(state: StateReader, id: number): ClassEntry {
  const c = readClass(state, id);
  if (!c) throw new TelchainError("VOUCHERS_NO_CLASS", `no voucher class ${id}`);
  return c;
}

/** Refuses a class expired at `height` (VOUCHERS_EXPIRED). */
export function ensureLive(c: ClassEntry, height: number): ClassEntry {
  if (expiredAt(c, height))
    throw new TelchainError(
      "VOUCHERS_EXPIRED",
      `class ${c.id} expired after height ${c.expiry}: its units read 0 and cannot move (height ${height})`,
    );
  return c;
}

/** The class `id`, live in the transaction's block. */
export const liveClass = (ctx: TxContext, id: number): ClassEntry =>
  ensureLive(classOf(ctx.state, id), ctx.block.height);

/** Refuses a sender that does not operate the class's issuer (VOUCHERS_NOT_OPERATOR, VOUCHERS_NOT_ISSUER). */
export function ensureIssuer(ctx: TxContext, c: ClassEntry): void {
  const carrier = senderCarrier(ctx);
  if (carrier !== c.issuer)
    throw new TelchainError(
      "VOUCHERS_NOT_ISSUER",
      `class ${c.id} is issued by ${c.issuer}; the sender operates ${carrier}`,
    );
}

/** Refuses issuing `amount` more units of `c`: its cap (VOUCHERS_CAP_EXCEEDED), 2^64 − 1 (VOUCHERS_OVERFLOW). */
export function ensureIssuable(c: ClassEntry, amount: bigint): void {
  const total = c.issued + amount;
  const cap = c.cap[0];
  if (cap !== undefined && total > cap)
    throw new TelchainError(
      "VOUCHERS_CAP_EXCEEDED",
      `class ${c.id} has issued ${c.issued} of its cap ${cap} units: ${amount} more would pass it`,
    );
  if (total > MAX_U64)
    throw new TelchainError(
      "VOUCHERS_OVERFLOW",
      `class ${c.id} has issued ${c.issued} units: ${amount} more would pass 2^64 − 1`,
    );
}
