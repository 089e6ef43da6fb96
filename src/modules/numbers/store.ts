/**
 * State layout of the numbers module (keys relative to m/numbers/); others use the keeper.
 *   p                        -> ParamsEntry    parameters (absent: DEFAULT_PARAMS)
 *   n/<digits>               -> NumberRecord   a claimed or held number (E.164 digits, no "+")
 *   q/<digits>               -> PortRequest    its pending port, if any
 *   s/<digits>               -> u32 BE         events so far (kept after a release: the next
 *                                              holder's events follow on)
 *   h/<digits>/<seq u32 BE>  -> HistoryEvent   one event per key, so the record stays small
 */
import type { ValueOf } from "@chainsafe/ssz";
import { concatBytes } from "../../bytes.js";
import { utf8 } from "../../crypto/hash.js";
import type { StateReader, StateView } from "../../state/view.js";
import { DEFAULT_PARAMS } from "./params.js";
import { EVENTS, type EventKind, HistoryEvent, NumberRecord, ParamsEntry, PortRequest } from "./schemas.js";

export const PARAMS_KEY = utf8("p");
export const numberKey = (digits: string) => utf8(`n/${digits}`);
export const portKey = (digits: string) => utf8(`q/${digits}`);
const seqKey = (digits: string) => utf8(`s/${digits}`);
const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
const historyKey = (digits: string, seq: number) => concatBytes(utf8(`h/${digits}/`), u32(seq));

/** A stored value decoded with `type`, or undefined. */
function read<T>(
  type: { deserialize(b: Uint8Array): T },
  state: StateReader,
  key: Uint8Array,
): T | undefined {
  const v = state.get(key);
  return v && type.deserialize(v);
}

export const readParams = (state: StateReader) =>
  read(ParamsEntry, state, PARAMS_KEY) ?? { ...DEFAULT_PARAMS };
export const readRecord = (state: StateReader, digits: string) =>
  read(NumberRecord, state, numberKey(digits));
export const writeRecord = (state: StateView, digits: string, r: NumberRecord) =>
  state.set(numberKey(digits), NumberRecord.serialize(r));
export const readPort = (state: StateReader, digits: string) => read(PortRequest, state, portKey(digits));

const historyLength = (state: StateReader, digits: string) =>
  read({ deserialize: (v) => new DataView(v.buffer, v.byteOffset, 4).getUint32(0) }, state, seqKey(digits)) ??
  0;

export function appendHistory(
  state: StateView,
  digits: string,
  e: { kind: EventKind; height: number; fromCarrier?: string; toCarrier?: string; routingNumber?: string },
): void {
  const seq = historyLength(state, digits);
  const event = { fromCarrier: "", toCarrier: "", routingNumber: "", ...e, kind: EVENTS.indexOf(e.kind) };
  state.set(historyKey(digits, seq), HistoryEvent.serialize(event));
  state.set(seqKey(digits), u32(seq + 1));
}

/** The latest `limit` events of a number, oldest first, each with its sequence number. */
export function readHistory(state: StateReader, digits: string, limit: number) {
  const end = historyLength(state, digits);
  const out: { seq: number; event: ValueOf<typeof HistoryEvent> }[] = [];
  for (let seq = Math.max(0, end - limit); seq < end; seq++) {
    const event = read(HistoryEvent, state, historyKey(digits, seq));
    if (event) out.push({ seq, event });
  }
  return out;
}
