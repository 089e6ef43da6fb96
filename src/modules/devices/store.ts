/**
 * State layout of the devices module (keys relative to m/devices/):
 *
 *   d/<imei 15 ASCII digits>   -> DeviceEntry      a registered device
 *   t/<imei>                   -> PendingTransfer  an open transfer offer
 *   h/<imei>/<seq u32 BE>      -> HistoryEvent     its history, seq 0, 1, 2, ...
 * Separate history keys keep a record small; DeviceEntry.events counts them, so the latest N
 * are N point reads (a prefix scan walks upwards only and would give the OLDEST events).
 */
import type { Type } from "@chainsafe/ssz";
import { concatBytes } from "../../bytes.js";
import type { StateReader, StateView } from "../../state/view.js";
import { DeviceEntry, HistoryEvent, PendingTransfer } from "./schemas.js";

const ascii = (s: string) => new TextEncoder().encode(s);

export const deviceKey = (imei: string) => ascii(`d/${imei}`);
export const pendingKey = (imei: string) => ascii(`t/${imei}`);

export const historyKey = (imei: string, seq: number) =>
  concatBytes(ascii(`h/${imei}/`), new Uint8Array([seq >>> 24, seq >>> 16, seq >>> 8, seq]));

export const readDevice = (state: StateReader, imei: string) => read(state, deviceKey(imei), DeviceEntry);
export const readPending = (state: StateReader, imei: string) =>
  read(state, pendingKey(imei), PendingTransfer);
function read<T>(state: StateReader, key: Uint8Array, type: Type<T>): T | undefined {
  const v = state.get(key);
  return v && type.deserialize(v);
}

export const writeDevice = (state: StateView, imei: string, entry: DeviceEntry) =>
  state.set(deviceKey(imei), DeviceEntry.serialize(entry));

/** Appends an event and returns the entry with its event count bumped (the caller writes it). */
export function appendEvent(state: StateView, imei: string, entry: DeviceEntry, event: HistoryEvent) {
  state.set(historyKey(imei, entry.events), HistoryEvent.serialize(event));
  return { ...entry, events: entry.events + 1 };
}

/** The latest `limit` events, oldest first. */
export function readHistory(state: StateReader, imei: string, entry: DeviceEntry, limit: number) {
  const out: HistoryEvent[] = [];
  for (let seq = Math.max(0, entry.events - limit); seq < entry.events; seq++) {
    const v = state.get(historyKey(imei, seq));
    if (v) out.push(HistoryEvent.deserialize(v));
  }
  return out;
}
