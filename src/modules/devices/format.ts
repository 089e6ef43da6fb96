/** The CLI's human output of a device (`telchain device show`), browser-safe: the lookup declares it. */
import { keyValues } from "../../cli/output.js";
import type { DeviceView, HistoryView } from "./lookup.js";

const by = (who: string) => (who === "owner" ? "the owner" : `carrier ${who}`);

function historyLine(e: HistoryView): string {
  const what = e.reason ? `${e.event} (${e.reason})` : e.event;
  return `  height ${String(e.height).padEnd(8)} ${what}${e.by ? ` by ${by(e.by)}` : ""}`;
}

/** `device show`: status in capitals, then the history. */
export function formatDevice(v: DeviceView): string {
  if (v.status === "unregistered")
    return keyValues([
      ["imei", v.imei],
      ["status", "UNREGISTERED"],
      ["note", "valid IMEI, but nobody registered this device on chain"],
    ]);
  const t = v.historyTotal;
  const head = keyValues([
    ["imei", v.imei],
    ["status", v.status.toUpperCase()],
    ["reason", v.reason ?? undefined],
    ["flagged by", v.flaggedBy === null ? undefined : by(v.flaggedBy)],
    ["evidence", v.evidence ?? undefined],
    ["owner", v.owner],
    ["since", `height ${v.since}`],
    ["registered", `height ${v.registeredAt}`],
    ["offered to", v.pendingTransfer && `${v.pendingTransfer.to} (since height ${v.pendingTransfer.since})`],
    [
      "history",
      t > v.history.length
        ? `${t} events, the latest ${v.history.length}:`
        : `${t} event${t === 1 ? "" : "s"}:`,
    ],
  ]);
  return [head, ...v.history.map(historyLine)].join("\n");
}
