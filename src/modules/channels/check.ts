/**
 * The voucher check, ONE copy: the `close` kind, the check-voucher route, the CLI and the
 * metering proxy all ask it. A voucher is good for a channel at a height when it is for that
 * channel, for 1 to the deposit, the channel is open and not expired (or closing, with the
 * dispute window still open and the amount at least the payer's stated one), and its signature
 * verifies under the payer's authorising key for this chain (voucher.ts).
 *
 *   checkVoucher(view, chainId, voucher, authorisingKey)   // { valid, reason?, message? }
 */
import { TelchainError } from "../../errors.js";
import { type ChannelEntry, STATUSES, type Status } from "./records.js";
import type { Voucher } from "./schemas.js";
import type { ChannelView } from "./views.js";
import { voucherSignedBy } from "./voucher.js";

/** What the check reads of a channel. */
export interface ChannelTerms {
  id: number;
  status: Status;
  deposit: bigint;
  expiry: number;
  /** Closing: the amount the payer stated. */
  stated: bigint;
  /** Closing: the first height `settle` may run at. */
  settlesAt: number;
}

export const termsOfEntry = (c: ChannelEntry): ChannelTerms => ({
  id: c.id,
  status: STATUSES[c.status] ?? "open",
  deposit: c.deposit,
  expiry: c.expiry,
  stated: c.stated,
  settlesAt: c.settlesAt,
});

/**
 * Why `v` is no good for channel `c` at height `at` (a transaction's height; for a query the
 * head's + 1), or undefined when it is good. `key` is the payer's authorising key at `at`.
 */
export function voucherRefusal(
  c: ChannelTerms,
  at: number,
  chainId: string,
  v: Voucher,
  key: Uint8Array,
): TelchainError | undefined {
  const no = (code: string, message: string) => new TelchainError(code, message);
  if (v.channel !== c.id)
    return no("CHANNELS_WRONG_CHANNEL", `the voucher is for channel ${v.channel}, not ${c.id}`);
  if (v.amount < 1n) return no("CHANNELS_BAD_AMOUNT", "a voucher's amount must be at least 1 base unit");
  if (c.status === "closed") return no("CHANNELS_CLOSED", `channel ${c.id} is closed`);
  if (c.status === "closing") {
    if (at >= c.settlesAt)
      return no(
        "CHANNELS_WINDOW_OVER",
        `channel ${c.id}'s dispute window ended at height ${c.settlesAt}: the payer's stated ${c.stated} is final`,
      );
  } else if (at > c.expiry)
    return no("CHANNELS_EXPIRED", `channel ${c.id} expired at height ${c.expiry} (now ${at})`);
  if (v.amount > c.deposit)
    return no(
      "CHANNELS_ABOVE_DEPOSIT",
      `the voucher's ${v.amount} is above channel ${c.id}'s deposit ${c.deposit}`,
    );
  if (c.status === "closing" && v.amount < c.stated)
    return no(
      "CHANNELS_BELOW_STATED",
      `in the dispute window a voucher must be for at least the payer's stated ${c.stated}; got ${v.amount}`,
    );
  if (!voucherSignedBy(key, chainId, v))
    return no(
      "CHANNELS_BAD_SIGNATURE",
      `the voucher's signature does not verify under the payer's authorising key for chain ${chainId}, channel ${v.channel}, amount ${v.amount}`,
    );
  return undefined;
}

export interface VoucherCheck {
  valid: boolean;
  /** The refusal's code when not valid. */
  reason?: string;
  message?: string;
}

/** The check over a channel as the API shows it (GET /v1/channels/:id): at its `at` height. */
export function checkVoucher(
  view: ChannelView,
  chainId: string,
  v: Voucher,
  authorisingKey: Uint8Array,
): VoucherCheck {
  const terms: ChannelTerms = {
    id: view.id,
    status: view.status,
    deposit: BigInt(view.deposit),
    expiry: view.expiry,
    stated: BigInt(view.stated ?? "0"),
    settlesAt: view.settlesAt ?? 0,
  };
  const no = voucherRefusal(terms, view.at, chainId, v, authorisingKey);
  return no ? { valid: false, reason: no.code, message: no.message } : { valid: true };
}
