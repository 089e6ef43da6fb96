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
 * The index keys are written with the record (store.ts `indexed`), so they follow reorgs.
 */

import { concatBytes } from "../../bytes.js";
import { utf8 } from "../../crypto/hash.js";
import { entries, eventLog, indexed, U32BE } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import { DEFAULT_PARAMS } from "./params.js";
import { EVENTS, type EventKind, HistoryEvent, NumberRecord, ParamsEntry, PortRequest } from "./schemas.js";

export const PARAMS_KEY = utf8("p");
const params = entries(ParamsEntry, () => PARAMS_KEY);
/** Index prefixes: the numbers of a holder, the numbers a carrier serves (then the digits). */
export const holderIndexPrefix = (holder: Uint8Array) => concatBytes(utf8("o/"), holder);
export const carrierIndexPrefix = (carrier: string) => utf8(`w/${carrier}/`);
/** The index keys listing a number (a bulk genesis writes them beside the record). */
export const numberIndexKeys = (digits: string, r: { holder: Uint8Array; carrier: string }) => [
  concatBytes(holderIndexPrefix(r.holder), utf8(digits)),
  concatBytes(carrierIndexPrefix(r.carrier), utf8(digits)),
];
const records = indexed(
  entries(NumberRecord, (digits: string) => utf8(`n/${digits}`)),
  numberIndexKeys,
);
const ports = entries(PortRequest, (digits: string) => utf8(`q/${digits}`));
const counts = entries(U32BE, (digits: string) => utf8(`s/${digits}`));
const history = eventLog(HistoryEvent, "h/");

export const readParams = (state: StateReader) => params.get(state, undefined) ?? { ...DEFAULT_PARAMS };
export const { get: readRecord, set: writeRecord, delete: deleteRecord, key: numberKey } = records;
export const { get: readPort, set: writePort, delete: deletePort } = ports;

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
