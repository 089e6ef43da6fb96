/** Human output of the channels CLI: one channel as aligned lines, a list item as one line. */
import { keyValues } from "../../cli/output.js";
import type { ChannelView } from "./views.js";

export function formatChannel(c: ChannelView): string {
  return keyValues([
    ["channel", c.id],
    ["payer", c.payer],
    ["payee", c.payee],
    ["deposit", c.deposit],
    ["status", statusText(c)],
    [
      "expiry",
      `height ${c.expiry}${c.status !== "closed" && c.expired ? " (EXPIRED: the payer may reclaim)" : ""}`,
    ],
    ["opened at", `height ${c.openedAt}`],
  ]);
}

function statusText(c: ChannelView): string {
  if (c.status === "closing")
    return `closing: the payer states ${c.stated}; the payee may close with a higher voucher until height ${c.settlesAt}, then anyone may settle`;
  if (c.status === "closed") return `closed at height ${c.closedAt} by ${c.how}: ${c.paid} paid to the payee`;
  return "open";
}

export const channelLine = (c: ChannelView) =>
  `${String(c.id).padEnd(6)} ${c.payer} -> ${c.payee}  deposit ${c.deposit}  ${c.status === "closed" ? `closed (${c.how}, ${c.paid} paid)` : c.status === "closing" ? `closing (states ${c.stated}, settles at ${c.settlesAt})` : c.expired ? "EXPIRED" : `open until ${c.expiry}`}`;
