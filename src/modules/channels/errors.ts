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
  // The metering proxy and its client (proxy/, docs/channels.md, "The metering proxy"): the voucher API's answers and the CLI's.
  CHANNELS_PROXY_BAD_REQUEST: is(
    "invalid",
    "Proxy voucher API: a malformed request (channel id, JSON body, amount as a decimal string, signature as 64 bytes of hex).",
  ),
  CHANNELS_PROXY_NO_CHANNEL: is(
    "not-found",
    "Proxy: no such channel on chain, or (usage) the proxy holds no voucher on it.",
  ),
  CHANNELS_PROXY_NOT_PAYEE: is("forbidden", "Proxy: the channel pays someone else than this provider."),
  CHANNELS_PROXY_NOT_OPEN: is(
    "conflict",
    "Proxy: the channel is closing or closed (on chain, or being closed by this proxy): open a new one.",
  ),
  CHANNELS_PROXY_EXPIRING: is(
    "gone",
    "Proxy: the channel is within the proxy's margin of blocks before its expiry: it takes no more vouchers (open a new one).",
  ),
  CHANNELS_PROXY_ABOVE_DEPOSIT: is(
    "conflict",
    "Proxy: the voucher's amount is above the channel's deposit (top it up).",
  ),
  CHANNELS_PROXY_LOWER: is(
    "conflict",
    "Proxy: the voucher's amount is below the best voucher the proxy holds.",
  ),
  CHANNELS_PROXY_BAD_VOUCHER: is(
    "invalid",
    "Proxy: the voucher does not pass the chain's check (not the payer's authorising key, another chain or channel).",
  ),
  CHANNELS_PROXY_UNREACHABLE: is(
    "upstream",
    "Client: the provider's proxy does not answer at the listed endpoint.",
  ),
  CHANNELS_PROXY_BAD_TERMS: is(
    "conflict",
    "Client: the listing's endpoint is not socks5://HOST:PORT, or the proxy's terms (chain, payee, price, unit) differ from the listing's.",
  ),
  CHANNELS_PROXY_NO_LISTING: is(
    "not-found",
    "Client: no live listing of the kind and region at or below --max-price per MB.",
  ),
  CHANNELS_PROXY_UPSTREAM: is(
    "upstream",
    "Proxy or client: a transaction it sent (list, heartbeat, open, close) was not included.",
  ),
  CHANNELS_PROXY_BAD_OPTION: is(
    "invalid",
    "serve/connect: a missing or malformed option (HOST:PORT, a whole number, --unit mb, --region to publish, a listing or channel of someone else).",
  ),
});
