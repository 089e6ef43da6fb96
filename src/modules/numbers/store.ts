/**
 * State layout of the numbers module (keys relative to its prefix m/numbers/):
 *
 *   p                         -> ParamsEntry    parameters (absent: DEFAULT_PARAMS)
 *   n/<digits>                -> NumberRecord   a claimed or held number (E.164 digits, no "+")
 *   q/<digits>                -> PortRequest    its pending port, if any
 *   s/<digits>                -> u32 BE         number of history events so far (kept after a
 *                                               release, so a later holder's events follow on)
 *   h/<digits>/<seq u32 BE>   -> HistoryEvent   one event per key, so the record stays small
 *
 * Other modules (the ENUM zone) read a number's routing number with routingNumberOf().
 */
import { concatBytes } from "../../bytes.js";
import { utf8 } from "../../crypto/hash.js";
import type { StateReader, StateView } from "../../state/view.js";
import { DEFAULT_PARAMS } from "./params.js";
import {
  EVENT_KINDS,
  type EventKind,
  HistoryEvent,
  NumberRecord,
  type NumbersParams,
  ParamsEntry,
  PortRequest,
} from "./schemas.js";

export const NUMBERS_MODULE = "numbers";
export const PARAMS_KEY = utf8("p");
export const numberKey = (digits: string) => utf8(`n/${digits}`);
export const portKey = (digits: string) => utf8(`q/${digits}`);
const seqKey = (digits: string) => utf8(`s/${digits}`);
export const historyKey = (digits: string, seq: number) => {
  const k = new Uint8Array(4);
  new DataView(k.buffer).setUint32(0, seq);
  return concatBytes(utf8(`h/${digits}/`), k);
};

export function readParams(state: StateReader): NumbersParams {
  const v = state.get(PARAMS_KEY);
  return v ? ParamsEntry.deserialize(v) : { ...DEFAULT_PARAMS };
}

export function readRecord(state: StateReader, digits: string): NumberRecord | undefined {
  const v = state.get(numberKey(digits));
  return v && NumberRecord.deserialize(v);
}

export function writeRecord(state: StateView, digits: string, r: NumberRecord): void {
  state.set(numberKey(digits), NumberRecord.serialize(r));
}

export function readPort(state: StateReader, digits: string): PortRequest | undefined {
  const v = state.get(portKey(digits));
  return v && PortRequest.deserialize(v);
}

export function historyLength(state: StateReader, digits: string): number {
  const v = state.get(seqKey(digits));
  return v ? new DataView(v.buffer, v.byteOffset, 4).getUint32(0) : 0;
}

export function appendHistory(
  state: StateView,
  digits: string,
  e: {
    kind: EventKind;
    height: number;
    fromCarrier?: Uint8Array;
    toCarrier?: Uint8Array;
    routingNumber?: Uint8Array;
  },
): void {
  const seq = historyLength(state, digits);
  state.set(
    historyKey(digits, seq),
    HistoryEvent.serialize({
      kind: EVENT_KINDS.indexOf(e.kind),
      height: e.height,
      fromCarrier: e.fromCarrier ?? new Uint8Array(),
      toCarrier: e.toCarrier ?? new Uint8Array(),
      routingNumber: e.routingNumber ?? new Uint8Array(),
    }),
  );
  const n = new Uint8Array(4);
  new DataView(n.buffer).setUint32(0, seq + 1);
  state.set(seqKey(digits), n);
}

/** The latest `limit` events of a number, oldest first, each with its sequence number. */
export function readHistory(
  state: StateReader,
  digits: string,
  limit: number,
): { seq: number; event: HistoryEvent }[] {
  const end = historyLength(state, digits);
  const out: { seq: number; event: HistoryEvent }[] = [];
  for (let seq = Math.max(0, end - limit); seq < end; seq++) {
    const v = state.get(historyKey(digits, seq));
    if (v) out.push({ seq, event: HistoryEvent.deserialize(v) });
  }
  return out;
}

/**
 * The routing number (digits) of an active number, or undefined (unknown, pending, or no
 * routing number). `reader` is the numbers module's state (moduleState("numbers")).
 */
export function routingNumberOf(reader: StateReader, digits: string): string | undefined {
  const r = readRecord(reader, digits);
  if (!r?.active || r.routingNumber.length === 0) return undefined;
  return new TextDecoder().decode(r.routingNumber);
}
