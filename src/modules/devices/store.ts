/**
 * State layout of the devices module (keys relative to m/devices/):
 *
 *   d/<imei 15 ASCII digits>   -> DeviceEntry      a registered device
 *   t/<imei>                   -> PendingTransfer  an open transfer offer
 *   h/<imei>/<seq u32 BE>      -> HistoryEvent     its history, seq 0, 1, 2, ...
 *   o/<owner 32><imei>         -> 0x01             index: the devices of an owner (GET /v1/devices?owner=),
 *                                                  written with the entry (store.ts `indexed`)
 * Separate history keys keep a record small; DeviceEntry.events counts them, so the latest N
 * are N point reads (a prefix scan walks upwards only and would give the OLDEST events).
 */

import { utf8 } from "../../bytes.js";
import { entries, eventLog, indexed, indexOn } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import { DeviceEntry, HistoryEvent, PendingTransfer } from "./schemas.js";

/** The devices of an owner (index keys written with the entry). */
export const byOwner = indexOn("o/");
const devices = indexed(
  entries(DeviceEntry, (imei: string) => utf8(`d/${imei}`)),
  (imei, e) => [byOwner.key(e.owner, imei)],
);
const pending = entries(PendingTransfer, (imei: string) => utf8(`t/${imei}`));
const history = eventLog(HistoryEvent, "h/");

export const { get: readDevice, set: writeDevice, key: deviceKey } = devices;
export const { get: readPending, set: writePending, delete: deletePending, key: pendingKey } = pending;
export const historyKey = history.key;

/** Appends an event and returns the entry with its event count bumped (the caller writes it). */
export const appendEvent = (state: StateView, imei: string, entry: DeviceEntry, event: HistoryEvent) => ({
  ...entry,
  events: history.append(state, imei, entry.events, event),
});

/** The latest `limit` events, oldest first. */
export const readHistory = (state: StateReader, imei: string, entry: DeviceEntry, limit: number) =>
  history.latest(state, imei, entry.events, limit).map((e) => e.event);
