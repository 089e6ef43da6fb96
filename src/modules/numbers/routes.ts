/**
 * GET /v1/numbers?holder=ADDR|carrier=ID (paged, src/api/paging.ts) and GET /v1/numbers/:e164 (+15551230000, %2B15551230000 or 15551230000), the number portability
 * dip; 400 NUMBERS_BAD_NUMBER, 404 when nobody claims the number.
 */
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { oneFilter, PageQueryFields, PageSchema, readPage } from "../../api/paging.js";
import { ErrorResponses, MAX_ADDRESS_LENGTH } from "../../api/schemas.js";
import type { TypeBoxTypeProvider } from "../../api/typebox.js";
import { decodeAddress, encodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { QueryContext } from "../../module/interface.js";
import type { StateReader } from "../../state/view.js";
import { type E164, parseE164, parseRouteNumber } from "../../telephony/e164.js";
import { EVENTS } from "./schemas.js";
import { carrierIndexPrefix, holderIndexPrefix, readHistory, readPort, readRecord } from "./store.js";

export const MAX_HISTORY_SHOWN = 100;

const OrNull = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const [Str, Int] = [Type.String(), Type.Integer()];
const oneOf = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
export const NumberSchema = Type.Object({
  number: Type.String({ description: "E.164 with +" }),
  holder: Type.String({ description: "address (tel1...)" }),
  carrier: Str,
  routingNumber: OrNull(Type.String({ description: "digits; null while pending" })),
  ported: Type.Boolean(),
  status: oneOf(["pending-confirmation", "claim-lapsed", "active"] as const),
  deposit: Type.String({ description: "base units locked" }),
  claimedAt: Int,
  confirmBy: OrNull(Type.Integer({ description: "last height to confirm, while pending" })),
  confirmedAt: OrNull(Int),
  pendingPort: Type.Optional(Type.Object({ toCarrier: Str, requestedAt: Int, deadline: Int })),
  history: Type.Array(
    Type.Object({
      seq: Int,
      kind: oneOf(EVENTS),
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
export function numberView(state: StateReader, n: E164, height: number): NumberView | undefined {
  const r = readRecord(state, n.digits);
  if (!r) return undefined;
  const port = readPort(state, n.digits);
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
      kind: EVENTS[e.kind] ?? "claimed",
      height: e.height,
      fromCarrier: orNull(e.fromCarrier),
      toCarrier: orNull(e.toCarrier),
      routingNumber: orNull(e.routingNumber),
    })),
  };
}

export const NumbersPageSchema = PageSchema(NumberSchema, "a page of numbers, in digit order");

export function numbersRoutes(base: FastifyInstance, q: QueryContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/v1/numbers",
    {
      schema: {
        operationId: "listNumbers",
        summary: "List numbers by holder or carrier",
        description:
          "The numbers a holder holds (?holder=) or a carrier serves (?carrier=): exactly one filter, a page of " +
          "`limit` numbers in digit order and the `next` cursor (null at the end). 400 BAD_REQUEST without " +
          "exactly one filter, ADDRESS_INVALID for a bad holder, BAD_CURSOR for a cursor no page gave.",
        tags: ["numbers"],
        querystring: Type.Object({
          holder: Type.Optional(
            Type.String({ maxLength: MAX_ADDRESS_LENGTH, description: "a tel1… address" }),
          ),
          carrier: Type.Optional(Type.String({ maxLength: 64, description: "a carrier id, e.g. AAA" })),
          ...PageQueryFields,
        }),
        response: { 200: NumbersPageSchema, ...ErrorResponses },
      },
    },
    async ({ query }) => {
      const by = oneFilter(query, ["holder", "carrier"] as const);
      const prefix =
        by === "holder"
          ? holderIndexPrefix(decodeAddress(String(query.holder)))
          : carrierIndexPrefix(String(query.carrier));
      const [state, height] = [q.state(), q.height()];
      return readPage(q, prefix, query, (rest) =>
        numberView(state, parseE164(`+${new TextDecoder().decode(rest)}`, "NUMBERS_BAD_NUMBER"), height),
      );
    },
  );
  app.get(
    "/v1/numbers/:e164",
    {
      schema: {
        operationId: "getNumber",
        summary: "Number portability dip",
        description:
          "Holder, serving carrier and routing number, status, pending port and history of a number.",
        tags: ["numbers"],
        params: Type.Object({
          e164: Type.String({ maxLength: 40, description: "+15551230000 or 15551230000" }),
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
