/**
 * A device as anyone may look it up (GET /v1/devices/:imei, `telchain device show`): its
 * schema and the view. What it leaves out on purpose is explained in routes.ts (privacy).
 */
import { type Static, Type } from "@sinclair/typebox";
import { OneOf, OrNull } from "../../api/schemas.js";
import { equalBytes, toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import type { StateReader } from "../../state/view.js";
import { EVENTS, REASONS } from "./schemas.js";
import { readDevice, readHistory, readPending } from "./store.js";

/** History events returned at most (the latest ones). */
export const HISTORY_LIMIT = 100;

const Reason = OrNull(OneOf(REASONS));
const Height = Type.Integer({ minimum: 0 });

export const DeviceHistorySchema = Type.Object({
  event: OneOf(EVENTS),
  height: Height,
  /** reported/flagged/recovered: the reason of the flag; else null. */
  reason: Reason,
  by: OrNull(Type.String({ description: '"owner" or the carrier id that acted (flag events only)' })),
});

export const DeviceSchema = Type.Object({
  imei: Type.String(),
  status: OneOf(["clean", "stolen", "unregistered"] as const),
  reason: Reason,
  flaggedBy: OrNull(Type.String({ description: 'carrier id, or "owner"' })),
  evidence: OrNull(Type.String({ description: "hash of the evidence (hex)" })),
  owner: OrNull(Type.String({ description: "current owner (tel1...)" })),
  since: OrNull(Height),
  registeredAt: OrNull(Height),
  pendingTransfer: OrNull(Type.Object({ to: Type.String(), since: Height })),
  history: Type.Array(DeviceHistorySchema, { description: "latest 100 events, oldest first" }),
  historyTotal: Type.Integer({ minimum: 0, description: "events in all (older ones may be left out)" }),
});

export type DeviceView = Static<typeof DeviceSchema>;
export type HistoryView = Static<typeof DeviceHistorySchema>;

const byText = (by: string) => (by === "" ? "owner" : by);

/** The view of a (valid) IMEI; an unregistered one is status "unregistered", not an error. */
export function lookupDevice(state: StateReader, imei: string): DeviceView {
  const entry = readDevice(state, imei);
  const no = { reason: null, flaggedBy: null, evidence: null, owner: null, since: null, registeredAt: null };
  if (!entry)
    return { imei, status: "unregistered", ...no, pendingTransfer: null, history: [], historyTotal: 0 };
  const pending = readPending(state, imei);
  const flagged = entry.flagged;
  return {
    imei,
    status: flagged ? "stolen" : "clean",
    reason: flagged ? (REASONS[entry.reason] ?? null) : null,
    flaggedBy: flagged ? byText(entry.flaggedBy) : null,
    evidence: flagged && !equalBytes(entry.evidence, new Uint8Array(32)) ? toHex(entry.evidence) : null,
    owner: encodeAddress(entry.owner),
    since: entry.since,
    registeredAt: entry.registeredAt,
    pendingTransfer: pending ? { to: encodeAddress(pending.to), since: pending.height } : null,
    history: readHistory(state, imei, entry, HISTORY_LIMIT).map((e) => {
      const event = EVENTS[e.event] ?? "registered";
      const flagEvent = event === "reported" || event === "flagged" || event === "recovered";
      return {
        event,
        height: e.height,
        reason: flagEvent ? (REASONS[e.reason] ?? null) : null,
        by: flagEvent ? byText(e.by) : null,
      };
    }),
    historyTotal: entry.events,
  };
}
