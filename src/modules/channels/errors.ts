/** Every code the channels module refuses with (kinds, the voucher check, routes and CLI). */
import { defineErrors, type ErrorClass } from "../../errors.js";

const is = (c: ErrorClass, description: string) => ({ class: c, description });

export const CHANNELS_ERRORS = defineErrors("channels", {
  CHANNELS_BAD_ID: is("invalid", "Not a channel id (a whole number from 1 to 2^53 − 1)."),
  CHANNELS_BAD_AMOUNT: is(
    "invalid",
    "A deposit or a voucher's amount is 0, a top-up changes nothing, or (CLI) an amount is not a whole number from 0/1 to 2^64 − 1.",
  ),
  CHANNELS_BAD_PAYEE: is("invalid", "The payee is the payer itself or the all-zero address."),
  CHANNELS_BAD_EXPIRY: is(
    "invalid",
    "An expiry height is not above the current block, is more than maxChannelLife blocks after it, or (top-up) earlier than the channel's.",
  ),
  CHANNELS_BAD_SIGNATURE: is(
    "invalid",
    "The voucher's signature does not verify under the payer's authorising key for this chain, channel and amount.",
  ),
  CHANNELS_WRONG_CHANNEL: is(
    "invalid",
    "The voucher is for another channel than the one it is checked against.",
  ),
  CHANNELS_ABOVE_DEPOSIT: is("conflict", "The amount is above the channel's deposit."),
  CHANNELS_BELOW_STATED: is(
    "conflict",
    "In the dispute window of an early close, a voucher must be for at least the amount the payer stated.",
  ),
  CHANNELS_TOO_MANY: is(
    "conflict",
    "The payer already has the most open channels allowed (genesis maxOpenPerPayer): close one first.",
  ),
  CHANNELS_OVERFLOW: is("invalid", "The deposit after a top-up would pass 2^64 − 1."),
  CHANNELS_NO_CHANNEL: is("not-found", "No channel has this id."),
  CHANNELS_NOT_PAYER: is("forbidden", "Only the channel's payer may do this."),
  CHANNELS_NOT_PAYEE: is("forbidden", "Only the channel's payee may close it with a voucher."),
  CHANNELS_CLOSED: is("gone", "The channel is closed."),
  CHANNELS_CLOSING: is(
    "conflict",
    "The payer has started an early close: the channel can no longer be topped up, closed early again or reclaimed; it settles after the dispute window.",
  ),
  CHANNELS_NOT_CLOSING: is("conflict", "Settle: the channel is not in an early close."),
  CHANNELS_EXPIRED: is("gone", "The channel is past its expiry height: only the payer's reclaim is left."),
  CHANNELS_NOT_EXPIRED: is("conflict", "Reclaim: the channel has not expired yet (height ≤ expiry)."),
  CHANNELS_WINDOW_OPEN: is("conflict", "Settle: the dispute window is still open (height < settlesAt)."),
  CHANNELS_WINDOW_OVER: is(
    "gone",
    "The dispute window of the early close is over: the payer's stated amount is final; settle the channel.",
  ),
  CHANNELS_BAD_OPTION: is(
    "invalid",
    "CLI: a missing, conflicting or malformed option (a signature is 64 bytes of hex).",
  ),
});
