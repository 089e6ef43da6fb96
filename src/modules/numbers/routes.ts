/**
 * Numbers routes:
 *   GET /v1/numbers/:e164   the number portability dip: holder, carrier, routing number,
 *                           status, pending port, the latest 100 history events.
 *                           "+15551230000" (%2B...) or bare digits; 400 NUMBERS_BAD_NUMBER,
 *                           404 when nobody claims the number
 */
import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ErrorResponses } from "../../api/schemas.js";
import type { TypeBoxTypeProvider } from "../../api/typebox.js";
import { encodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { QueryContext } from "../../module/interface.js";
import type { StateReader } from "../../state/view.js";
import { type E164, parseRouteNumber } from "../../telephony/e164.js";
import { EVENT_KINDS } from "./schemas.js";
import { readHistory, readPort, readRecord } from "./store.js";

/** History events returned at most (the latest ones). */
export const MAX_HISTORY_SHOWN = 100;

const OrNull = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const NumberSchema = Type.Object({
  number: Type.String({ description: "E.164 with +" }),
  holder: Type.String({ description: "address (tel1...)" }),
  carrier: Type.String(),
  routingNumber: OrNull(Type.String({ description: "digits; null while pending" })),
  ported: Type.Boolean(),
  status: Type.Union([
    Type.Literal("pending-confirmation"),
    Type.Literal("claim-lapsed"),
    Type.Literal("active"),
  ]),
  deposit: Type.String({ description: "base units locked" }),
  claimedAt: Type.Integer(),
  confirmBy: Type.Union([Type.Integer(), Type.Null()], {
    description: "last height to confirm, while pending",
  }),
  confirmedAt: Type.Union([Type.Integer(), Type.Null()]),
  pendingPort: Type.Optional(
    Type.Object(
      { toCarrier: Type.String(), requestedAt: Type.Integer(), deadline: Type.Integer() },
      { description: "a port the next block may still accept (lapsed ones are left out)" },
    ),
  ),
  history: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      kind: Type.Union(EVENT_KINDS.map((k) => Type.Literal(k))),
      height: Type.Integer(),
      fromCarrier: OrNull(Type.String()),
      toCarrier: OrNull(Type.String()),
      routingNumber: OrNull(Type.String()),
    }),
    { description: `the latest ${MAX_HISTORY_SHOWN} events, oldest first (also of earlier holders)` },
  ),
});
/** The JSON form of a number (the dip answer), shared by the API route, the CLI and tests. */
export type NumberView = Static<typeof NumberSchema>;

const orNull = (s: string) => (s === "" ? null : s);

/** The number as the API shows it at `height` (the head), or undefined when it is not claimed. */
export function numberView(state: StateReader, n: E164, height: number): NumberView | undefined {
  const r = readRecord(state, n.digits);
  if (!r) return undefined;
  const port = readPort(state, n.digits);
  // The next block (height + 1) is the first that could still act, so a claim or port
  // whose deadline is the head has lapsed.
  return {
    number: n.text,
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
    history: readHistory(state, n.digits, MAX_HISTORY_SHOWN).map(({ seq, event: e }) => ({
      seq,
      kind: EVENT_KINDS[e.kind] ?? "claimed",
      height: e.height,
      fromCarrier: orNull(e.fromCarrier),
      toCarrier: orNull(e.toCarrier),
      routingNumber: orNull(e.routingNumber),
    })),
  };
}

export function numbersRoutes(base: FastifyInstance, q: QueryContext): void {
  base.withTypeProvider<TypeBoxTypeProvider>().get(
    "/v1/numbers/:e164",
    {
      schema: {
        operationId: "getNumber",
        summary: "Number portability dip",
        description:
          "Who holds a number, the carrier serving it and its routing number, its status, a pending port and the latest history. The number is +15551230000 (%2B15551230000) or its bare digits; a malformed one is 400 NUMBERS_BAD_NUMBER, one nobody claims 404.",
        tags: ["numbers"],
        params: Type.Object({
          e164: Type.String({ maxLength: 40, description: "+15551230000 (%2B15551230000) or 15551230000" }),
        }),
        response: { 200: NumberSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const n = parseRouteNumber(request.params.e164, "NUMBERS_BAD_NUMBER");
      const v = numberView(q.state(), n, q.height());
      if (!v) throw new TelchainError("NOT_FOUND", `${n.text} is not claimed`);
      return v;
    },
  );
}
