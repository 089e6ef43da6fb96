/**
 * State layout of the numbers module (keys relative to m/numbers/); others use the keeper.
 *   p                        -> ParamsEntry    parameters (absent: DEFAULT_PARAMS)
 *   n/<digits>               -> NumberRecord   a claimed or held number (E.164 digits, no "+")
 *   q/<digits>               -> PortRequest    its pending port, if any
 *   s/<digits>               -> u32 BE         events so far (kept after a release: the next
 *                                              holder's events follow on)
 *   h/<digits>/<seq u32 BE>  -> HistoryEvent   one event per key, so the record stays small
 *   o/<holder 32><digits>    -> 0x01           index: the numbers of a holder (GET /v1/numbers?holder=)
 *   w/<carrier id>/<digits>  -> 0x01           index: the numbers a carrier serves (?carrier=)
 */

import { utf8 } from "../../bytes.js";
import { entries, eventLog, indexed, indexOn, U32BE } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import { DEFAULT_PARAMS } from "./params.js";
import { EVENTS, type EventKind, HistoryEvent, NumberRecord, ParamsEntry, PortRequest } from "./schemas.js";

export const PARAMS_KEY = utf8("p");
const params = entries(ParamsEntry, () => PARAMS_KEY);
/** The numbers of a holder, the numbers a carrier serves (index keys written with the record). */
export const [byHolder, byCarrier] = [indexOn("o/"), indexOn("w/")];
const records = indexed(
  entries(NumberRecord, (digits: string) => utf8(`n/${digits}`)),
  (digits, r) => [byHolder.key(r.holder, digits), byCarrier.key(r.carrier, digits)],
);
const ports = entries(PortRequest, (digits: string) => utf8(`q/${digits}`));
const counts = entries(U32BE, (digits: string) => utf8(`s/${digits}`));
const history = eventLog(HistoryEvent, "h/");

export const readParams = (state: StateReader) => params.get(state, undefined) ?? { ...DEFAULT_PARAMS };
export const { get: readRecord, set: writeRecord, delete: deleteRecord, key: numberKey } = records;
export const { get: readPort, set: writePort, delete: deletePort, key: portKey } = ports;

export function appendHistory(
  state: StateView,
  digits: string,
  e: { kind: EventKind; height: number; fromCarrier?: string; toCarrier?: string; routingNumber?: string },
): void {
  const event = { fromCarrier: "", toCarrier: "", routingNumber: "", ...e, kind: EVENTS.indexOf(e.kind) };
  counts.set(state, digits, history.append(state, digits, counts.get(state, digits) ?? 0, event));
}

/** The latest `limit` events of a number, oldest first, each with its sequence number. */
export const readHistory = (state: StateReader, digits: string, limit: number) =>
  history.latest(state, digits, counts.get(state, digits) ?? 0, limit);
