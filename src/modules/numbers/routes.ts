/** What the numbers module shows: the number portability dip (one number) and the lists of numbers. */
import { type Static, Type } from "@sinclair/typebox";
import { OneOf, OrNull } from "../../api/schemas.js";
import { encodeAddress } from "../../crypto/address.js";
import { defineList } from "../../module/list.js";
import { defineLookup } from "../../module/lookup.js";
import type { StateReader } from "../../state/view.js";
import { e164Param } from "../../telephony/e164.js";
import { formatNumber } from "./cli.js";
import { EVENTS } from "./schemas.js";
import { byCarrier, byHolder, readHistory, readPort, readRecord } from "./store.js";

export const MAX_HISTORY_SHOWN = 100;

const [Str, Int] = [Type.String(), Type.Integer()];
export const NumberSchema = Type.Object({
  number: Type.String({ description: "E.164 with +" }),
  holder: Type.String({ description: "address (tel1...)" }),
  carrier: Str,
  routingNumber: OrNull(Type.String({ description: "digits; null while pending" })),
  ported: Type.Boolean(),
  status: OneOf(["pending-confirmation", "claim-lapsed", "active"] as const),
  deposit: Type.String({ description: "base units locked" }),
  claimedAt: Int,
  confirmBy: OrNull(Type.Integer({ description: "last height to confirm, while pending" })),
  confirmedAt: OrNull(Int),
  pendingPort: Type.Optional(Type.Object({ toCarrier: Str, requestedAt: Int, deadline: Int })),
  history: Type.Array(
    Type.Object({
      seq: Int,
      kind: OneOf(EVENTS),
      height: Int,
      fromCarrier: OrNull(Str),
      toCarrier: OrNull(Str),
      routingNumber: OrNull(Str),
    }),
    { description: `the latest ${MAX_HISTORY_SHOWN} events, oldest first (also of earlier holders)` },
  ),
});
/** The JSON form of a number (the dip answer), shared by the API route, the CLI and tests. */
export type NumberView = Static<typeof NumberSchema>;

const orNull = (s: string) => (s === "" ? null : s);

/** The number at `height` (the head: a claim or port whose deadline it is has lapsed), or undefined. */
export function numberView(state: StateReader, digits: string, height: number): NumberView | undefined {
  const r = readRecord(state, digits);
  if (!r) return undefined;
  const port = readPort(state, digits);
  return {
    number: `+${digits}`,
    holder: encodeAddress(r.holder),
    carrier: r.carrier,
    routingNumber: r.active ? orNull(r.routingNumber) : null,
    ported: r.ported,
    status: r.active ? "active" : height >= r.confirmBy ? "claim-lapsed" : "pending-confirmation",
    deposit: r.deposit.toString(),
    claimedAt: r.claimedAt,
    confirmBy: r.active ? null : r.confirmBy,
    confirmedAt: r.active ? r.confirmedAt : null,
    ...(port && height < port.deadline ? { pendingPort: port } : {}),
    history: readHistory(state, digits, MAX_HISTORY_SHOWN).map(({ seq, event: e }) => ({
      seq,
      kind: EVENTS[e.kind] ?? "claimed",
      height: e.height,
      fromCarrier: orNull(e.fromCarrier),
      toCarrier: orNull(e.toCarrier),
      routingNumber: orNull(e.routingNumber),
    })),
  };
}

/** GET /v1/numbers?holder=|carrier= and `telchain number list --holder|--carrier`. */
export const numbersList = defineList({
  path: "/v1/numbers",
  operationId: "listNumbers",
  summary: "List numbers by holder or carrier",
  noun: "numbers",
  order: "digit order",
  command: "number",
  filters: {
    holder: { help: "that an address holds", address: byHolder.prefix },
    carrier: { help: "that a carrier serves", text: byCarrier.prefix, maxLength: 64 },
  },
  schema: NumberSchema,
  item: (q, digits) => numberView(q.state(), digits, q.height()),
  line: (v) => `${v.number.padEnd(16)}  ${v.carrier.padEnd(8)}  ${v.status}${v.ported ? "  ported" : ""}`,
});

/** GET /v1/numbers/:e164 and `telchain number show <e164>`: the number portability dip. */
export const numberLookup = defineLookup({
  path: "/v1/numbers/:e164",
  operationId: "getNumber",
  summary: "Number portability dip",
  description:
    "Holder, serving carrier and routing number, status, pending port and history of a number. " +
    "400 NUMBERS_BAD_NUMBER for a malformed number, 404 NOT_FOUND when nobody claims it.",
  param: e164Param("NUMBERS_BAD_NUMBER"),
  schema: NumberSchema,
  get: (q, digits) => numberView(q.state(), digits, q.height()),
  command: "number",
  notFound: (digits) => `+${digits} is not claimed`,
  about: "a number: holder, carrier, routing number, pending port, history",
  format: formatNumber,
});
