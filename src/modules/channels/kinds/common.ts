/** What the channels kinds share: ids, the channel of an id, its parties, the pay-out. */
import { equalBytes, toHex } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import type { StateReader } from "../../../state/view.js";
import { type ChannelEntry, HOW, type How } from "../records.js";
import { markClosed, readChannel } from "../store.js";

export const MAX_U64 = (1n << 64n) - 1n;
export const ZERO_ADDRESS = new Uint8Array(32);

/** A channel id of a payload: 1 to 2^53 − 1 (CHANNELS_BAD_ID). */
export function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 1)
    throw new TelchainError(
      "CHANNELS_BAD_ID",
      `the channel id must be a whole number from 1 to 2^53 − 1; got ${id}`,
    );
  return id;
}

/** The channel `id` (CHANNELS_NO_CHANNEL when there is none). */
export function channelOf(state: StateReader, id: number): ChannelEntry {
  const c = readChannel(state, id);
  if (!c) throw new TelchainError("CHANNELS_NO_CHANNEL", `no channel ${id}`);
  return c;
}

export function ensurePayer(c: ChannelEntry, sender: Uint8Array, what: string): void {
  if (!equalBytes(c.payer, sender))
    throw new TelchainError("CHANNELS_NOT_PAYER", `only channel ${c.id}'s payer may ${what}`);
}

export function ensurePayee(c: ChannelEntry, sender: Uint8Array): void {
  if (!equalBytes(c.payee, sender))
    throw new TelchainError("CHANNELS_NOT_PAYEE", `only channel ${c.id}'s payee may close it with a voucher`);
}

/** Refuses a closed channel (CHANNELS_CLOSED), and a closing one when `closing` is its own refusal. */
export function ensureNotClosed(c: ChannelEntry, closingToo: string | undefined): void {
  if (c.status === 2)
    throw new TelchainError("CHANNELS_CLOSED", `channel ${c.id} is closed (at height ${c.closedAt})`);
  if (c.status === 1 && closingToo)
    throw new TelchainError(
      "CHANNELS_CLOSING",
      `channel ${c.id} is in an early close (settles at height ${c.settlesAt}): ${closingToo}`,
    );
}

/** Refuses past the expiry: the payee may act up to and at `expiry`. */
export function ensureNotExpired(c: ChannelEntry, height: number): void {
  if (height > c.expiry)
    throw new TelchainError(
      "CHANNELS_EXPIRED",
      `channel ${c.id} expired at height ${c.expiry} (now ${height})`,
    );
}

/** Pays `toPayee` to the payee and the rest of the deposit to the payer; the channel is closed (kept). */
export function payOut(ctx: TxContext, c: ChannelEntry, toPayee: bigint, how: How): void {
  const rest = c.deposit - toPayee;
  if (toPayee > 0n) ctx.accounts.credit(c.payee, toPayee);
  if (rest > 0n) ctx.accounts.credit(c.payer, rest);
  markClosed(ctx.state, {
    ...c,
    status: 2,
    paid: toPayee,
    closedAt: ctx.block.height,
    how: HOW.indexOf(how),
  });
}

export const hex = (b: Uint8Array) => `0x${toHex(b)}`;
