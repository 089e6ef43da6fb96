/**
 * Numbers routes:
 *   GET /v1/numbers/:e164   the number portability dip: holder, carrier, routing number,
 *                           status, pending port, the latest 100 history events.
 *                           "+15551230000" (%2B...) or bare digits; 400 NUMBERS_BAD_NUMBER,
 *                           404 when nobody claims the number
 */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ErrorResponses } from "../../api/schemas.js";
import type { TypeBoxTypeProvider } from "../../api/typebox.js";
import { TelchainError } from "../../errors.js";
import type { QueryContext } from "../../module/interface.js";
import { parseLookupNumber } from "./number-args.js";
import { EVENT_KINDS } from "./schemas.js";
import { MAX_HISTORY_SHOWN, numberView } from "./view.js";

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
  confirmBy: Type.Union([Type.Integer(), Type.Null()]),
  confirmedAt: Type.Union([Type.Integer(), Type.Null()]),
  pendingPort: Type.Optional(
    Type.Object({ toCarrier: Type.String(), requestedAt: Type.Integer(), deadline: Type.Integer() }),
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
    { description: `the latest ${MAX_HISTORY_SHOWN} events, oldest first` },
  ),
});

export function numbersRoutes(base: FastifyInstance, q: QueryContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/v1/numbers/:e164",
    {
      schema: {
        summary: "Number portability dip: holder, carrier, routing number, pending port, history",
        tags: ["numbers"],
        params: Type.Object({
          e164: Type.String({ maxLength: 40, description: "+15551230000 (%2B15551230000) or 15551230000" }),
        }),
        response: { 200: NumberSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const n = parseLookupNumber(request.params.e164);
      const v = numberView(q.state(), n, q.height());
      if (!v) throw new TelchainError("NOT_FOUND", `${n.text} is not claimed`);
      return v;
    },
  );
}
