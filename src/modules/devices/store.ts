/**
 * State layout of the devices module (keys relative to its prefix m/devices/):
 *
 *   d/<imei 15 ASCII digits>                 -> DeviceEntry      a registered device
 *   t/<imei>                                 -> PendingTransfer  an open transfer offer
 *   h/<imei>/<seq u32 BE>                    -> HistoryEvent     its history, seq 0, 1, 2, ...
 *
 * History events are separate keys so a device's record stays small however long its life.
 * DeviceEntry.events counts them, so the latest N are N point reads h/<imei>/<events-N..events-1>:
 * QueryContext.scan walks a prefix in ascending key order only, so a bounded scan of
 * h/<imei>/ would return the OLDEST events, not the latest.
 */
import { concatBytes } from "../../bytes.js";
import type { StateReader, StateView } from "../../state/view.js";
import { DeviceEntry, HistoryEvent, PendingTransfer } from "./schemas.js";

const ascii = (s: string) => new TextEncoder().encode(s);

export const DEVICE_PREFIX = ascii("d/");
export const PENDING_PREFIX = ascii("t/");
export const HISTORY_PREFIX = ascii("h/");

export const deviceKey = (imei: string) => concatBytes(DEVICE_PREFIX, ascii(imei));
export const pendingKey = (imei: string) => concatBytes(PENDING_PREFIX, ascii(imei));

export function historyKey(imei: string, seq: number): Uint8Array {
  const s = new Uint8Array(4);
  new DataView(s.buffer).setUint32(0, seq);
  return concatBytes(HISTORY_PREFIX, ascii(`${imei}/`), s);
}

export function readDevice(state: StateReader, imei: string): DeviceEntry | undefined {
  const v = state.get(deviceKey(imei));
  return v && DeviceEntry.deserialize(v);
}

export function writeDevice(state: StateView, imei: string, entry: DeviceEntry): void {
  state.set(deviceKey(imei), DeviceEntry.serialize(entry));
}

export function readPending(state: StateReader, imei: string): PendingTransfer | undefined {
  const v = state.get(pendingKey(imei));
  return v && PendingTransfer.deserialize(v);
}

export function writePending(state: StateView, imei: string, p: PendingTransfer): void {
  state.set(pendingKey(imei), PendingTransfer.serialize(p));
}

export function deletePending(state: StateView, imei: string): void {
  state.delete(pendingKey(imei));
}

/** Appends an event and returns the entry with its event count bumped (the caller writes it). */
export function appendEvent(
  state: StateView,
  imei: string,
  entry: DeviceEntry,
  event: HistoryEvent,
): DeviceEntry {
  state.set(historyKey(imei, entry.events), HistoryEvent.serialize(event));
  return { ...entry, events: entry.events + 1 };
}

/** The latest `limit` events, oldest first. */
export function readHistory(
  state: StateReader,
  imei: string,
  entry: DeviceEntry,
  limit: number,
): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  for (let seq = Math.max(0, entry.events - limit); seq < entry.events; seq++) {
    const v = state.get(historyKey(imei, seq));
    if (v) out.push(HistoryEvent.deserialize(v));
  }
  return out;
}
