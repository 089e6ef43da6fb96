/**
 * A device as anyone may look it up (GET /v1/devices/:imei, `telchain device show`). What it
 * leaves out on purpose is explained in routes.ts (privacy).
 */
import { equalBytes, toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import type { StateReader } from "../../state/view.js";
import { NO_EVIDENCE, safeText } from "./kinds/common.js";
import {
  type DeviceEntry,
  EVENTS,
  type EventName,
  type HistoryEvent,
  REASONS,
  type Reason,
} from "./schemas.js";
import { readDevice, readHistory, readPending } from "./store.js";

/** History events returned at most (the latest ones). */
export const HISTORY_LIMIT = 100;

export type DeviceStatus = "clean" | "stolen" | "unregistered";

export interface HistoryView {
  event: EventName;
  height: number;
  /** reported/flagged/recovered: the reason of the flag; else null. */
  reason: Reason | null;
  /** reported/flagged/recovered: "owner" or the carrier id that acted; else null. */
  by: string | null;
}

export interface DeviceView {
  imei: string;
  status: DeviceStatus;
  reason: Reason | null;
  /** Carrier id (upper case, so never the word "owner"), "owner", or null when not flagged. */
  flaggedBy: string | null;
  /** Hex hash of the evidence given with the report or flag, null when none. */
  evidence: string | null;
  /** The current owner (tel1...), null when unregistered. */
  owner: string | null;
  /** Height of the current status (registration, report/flag or recovery). */
  since: number | null;
  registeredAt: number | null;
  /** An open transfer offer: to whom, since which height. */
  pendingTransfer: { to: string; since: number } | null;
  /** The latest HISTORY_LIMIT events, oldest first. */
  history: HistoryView[];
  /** Number of events in all (more than history.length when older ones were left out). */
  historyTotal: number;
}

const byText = (by: Uint8Array) => (by.length === 0 ? "owner" : safeText(by));

function historyView(e: HistoryEvent): HistoryView {
  const event = EVENTS[e.event] ?? "registered";
  const flagEvent = event === "reported" || event === "flagged" || event === "recovered";
  return {
    event,
    height: e.height,
    reason: flagEvent ? (REASONS[e.reason] ?? null) : null,
    by: flagEvent ? byText(e.by) : null,
  };
}

function statusOf(entry: DeviceEntry): DeviceStatus {
  return entry.flagged ? "stolen" : "clean";
}

/** The view of a (valid) IMEI; an unregistered one is status "unregistered", not an error. */
export function lookupDevice(state: StateReader, imei: string): DeviceView {
  const entry = readDevice(state, imei);
  if (!entry)
    return {
      imei,
      status: "unregistered",
      reason: null,
      flaggedBy: null,
      evidence: null,
      owner: null,
      since: null,
      registeredAt: null,
      pendingTransfer: null,
      history: [],
      historyTotal: 0,
    };
  const pending = readPending(state, imei);
  return {
    imei,
    status: statusOf(entry),
    reason: entry.flagged ? (REASONS[entry.reason] ?? null) : null,
    flaggedBy: entry.flagged ? byText(entry.flaggedBy) : null,
    evidence: entry.flagged && !equalBytes(entry.evidence, NO_EVIDENCE) ? toHex(entry.evidence) : null,
    owner: encodeAddress(entry.owner),
    since: entry.since,
    registeredAt: entry.registeredAt,
    pendingTransfer: pending ? { to: encodeAddress(pending.to), since: pending.height } : null,
    history: readHistory(state, imei, entry, HISTORY_LIMIT).map(historyView),
    historyTotal: entry.events,
  };
}
