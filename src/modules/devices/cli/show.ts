/** `device show`: a device as a person reads it — status in capitals, then its history. */
import { keyValues } from "../../../cli/output.js";
import type { DeviceView, HistoryView } from "../lookup.js";

function historyLine(e: HistoryView): string {
  const what = e.reason ? `${e.event} (${e.reason})` : e.event;
  const by = e.by ? ` by ${e.by === "owner" ? "the owner" : `carrier ${e.by}`}` : "";
  return `  height ${String(e.height).padEnd(8)} ${what}${by}`;
}

export function formatDevice(v: DeviceView): string {
  if (v.status === "unregistered")
    return keyValues([
      ["imei", v.imei],
      ["status", "UNREGISTERED"],
      ["note", "valid IMEI, but nobody registered this device on chain"],
    ]);
  const head = keyValues([
    ["imei", v.imei],
    ["status", v.status.toUpperCase()],
    ["reason", v.reason ?? undefined],
    [
      "flagged by",
      v.flaggedBy === null ? undefined : v.flaggedBy === "owner" ? "the owner" : `carrier ${v.flaggedBy}`,
    ],
    ["evidence", v.evidence ?? undefined],
    ["owner", v.owner],
    ["since", `height ${v.since}`],
    ["registered", `height ${v.registeredAt}`],
    [
      "offered to",
      v.pendingTransfer ? `${v.pendingTransfer.to} (since height ${v.pendingTransfer.since})` : undefined,
    ],
    [
      "history",
      v.historyTotal > v.history.length
        ? `${v.historyTotal} events, the latest ${v.history.length}:`
        : `${v.historyTotal} event${v.historyTotal === 1 ? "" : "s"}:`,
    ],
  ]);
  return [head, ...v.history.map(historyLine)].join("\n");
}
