/**
 * The redemption feed: each issuer's systems learn of redemptions without scanning blocks.
 *
 *   GET /v1/vouchers/redemptions?issuer=ID&after=C&limit=N   a page of the issuer's log after cursor C
 *   GET /v1/vouchers/redemptions/stream?issuer=ID&after=C    the same records as server-sent events
 *
 * The cursor is a position in the issuer's append-only log in module state (record n has cursor
 * n, from 1; `after=0` is the start), so it means the same after a restart and on every node.
 * The stream sends the backlog after the cursor, then each new record as blocks add them: while
 * the connection is open it looks at the log's length (one point read) every FEED_POLL_MS, so it
 * needs nothing from the core but its query context. Each record is an event `redemption` whose
 * `id` is its cursor (an EventSource resumes with Last-Event-ID). When a reorganisation takes back
 * records it sent, it sends an event `reorg` with the cursor it continues from (its `id` too),
 * then the records of the new branch.
 */

import type { ServerResponse } from "node:http";
import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { defineRoute, registerRoute, routeSchema } from "../../api/route.js";
import { toHex } from "../../bytes.js";
import { TelchainError } from "../../errors.js";
import type { QueryContext } from "../../module/interface.js";
import type { ExpectedCarriers } from "./expected-keepers.js";
import { CarrierId } from "./schemas.js";
import { readRedemption, redemptionCount } from "./store.js";
import { RedemptionSchema, type RedemptionView, redemptionView } from "./views.js";

const TAG = "vouchers";
export const FEED_MAX_PAGE = 100;
export const FEED_DEFAULT_PAGE = 50;
/** How often an open stream looks for new records (ms). */
export const FEED_POLL_MS = 250;
/** A comment line this often keeps proxies from closing an idle stream (ms). */
export const FEED_HEARTBEAT_MS = 15_000;
/** Records a stream writes at most per poll (a long backlog goes out over several). */
const STREAM_BATCH = 500;
/** Records sent whose hashes a stream remembers, to notice a reorganisation taking them back. */
const STREAM_MEMORY = 256;
export const EVENT_STREAM = "text/event-stream";

const FeedQueryFields = {
  issuer: Type.String({ maxLength: 16, description: "the issuing carrier's id" }),
  after: Type.Optional(
    Type.String({
      maxLength: 20,
      description: "the cursor to continue after: 0 (the default) for the start, else a record's `cursor`",
    }),
  ),
};

const StreamQuery = Type.Object(FeedQueryFields);

export const FeedPageSchema = Type.Object({
  issuer: Type.String(),
  items: Type.Array(RedemptionSchema),
  next: Type.Integer({
    minimum: 0,
    description: "pass as `after` for the records after these (never null: the log grows)",
  }),
  total: Type.Integer({ minimum: 0, description: "records in the issuer's log" }),
});
export type FeedPage = Static<typeof FeedPageSchema>;

export const listRedemptionsRoute = defineRoute({
  method: "GET",
  url: "/v1/vouchers/redemptions",
  operationId: "listVoucherRedemptions",
  summary: "The redemption feed of an issuer",
  description:
    "The redemptions of the issuer's classes in the order they were included: up to `limit` records after " +
    "cursor `after` (0 for the start), each with its cursor, the transaction hash, height, class, units, " +
    "subscriber reference and holder; `next` is the cursor to continue after. A cursor is a position in the " +
    "issuer's log in chain state, the same after a restart. 400 VOUCHERS_BAD_CARRIER, VOUCHERS_BAD_CURSOR " +
    "(not a whole number, or past the end of the log), 404 VOUCHERS_UNKNOWN_CARRIER.",
  tags: [TAG],
  querystring: Type.Object({
    ...FeedQueryFields,
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: FEED_MAX_PAGE,
        default: FEED_DEFAULT_PAGE,
        description: "records per page",
      }),
    ),
  }),
  response: FeedPageSchema,
});

export const streamRedemptionsRoute = defineRoute({
  method: "GET",
  url: "/v1/vouchers/redemptions/stream",
  operationId: "streamVoucherRedemptions",
  summary: "The redemption feed of an issuer, as server-sent events",
  description:
    "A text/event-stream: the records after cursor `after` (or the Last-Event-ID header), then each new one as " +
    "blocks include it, until the client disconnects. Event `redemption`: `id` is the record's cursor, `data` " +
    "the record as JSON (as in GET /v1/vouchers/redemptions). Event `reorg`: a reorganisation took back records " +
    'already sent; `data` is {"cursor": C} and the stream continues after C. Comment lines keep it alive. ' +
    "Refusals before the stream starts are JSON in the API's error shape: 400 VOUCHERS_BAD_CARRIER, " +
    "VOUCHERS_BAD_CURSOR, 404 VOUCHERS_UNKNOWN_CARRIER.",
  tags: [TAG],
  querystring: StreamQuery,
  response: Type.String({ description: "server-sent events (event: redemption | reorg)" }),
});

/** The issuer of a request: a registered carrier's id (VOUCHERS_BAD_CARRIER, VOUCHERS_UNKNOWN_CARRIER). */
function issuerOf(q: QueryContext, raw: string): string {
  const id = CarrierId.check(raw, "issuer");
  if (!q.keeper<ExpectedCarriers>("carriers").carrier(id))
    throw new TelchainError("VOUCHERS_UNKNOWN_CARRIER", `no carrier ${id} is registered`);
  return id;
}

/** A cursor from 0 to the log's length (VOUCHERS_BAD_CURSOR). */
export function parseCursor(raw: string | undefined, total: number): number {
  if (raw === undefined || raw === "") return 0;
  const n = /^[0-9]{1,16}$/.test(raw) ? Number(raw) : -1;
  if (n < 0)
    throw new TelchainError(
      "VOUCHERS_BAD_CURSOR",
      `a cursor is a whole number (0 for the start, else a record's cursor); got ${JSON.stringify(raw.slice(0, 40))}`,
    );
  if (n > total)
    throw new TelchainError(
      "VOUCHERS_BAD_CURSOR",
      `cursor ${n} is past the end of the log (${total} records; a reorganisation may have taken some back)`,
    );
  return n;
}

const recordAt = (q: QueryContext, issuer: string, cursor: number): RedemptionView | undefined => {
  const r = readRedemption(q.state(), issuer, cursor - 1);
  return r && redemptionView(r, cursor);
};

/** A page of the issuer's log after `after`. */
export function readFeed(q: QueryContext, issuer: string, after: number, limit: number): FeedPage {
  const total = redemptionCount(q.state(), issuer);
  const items: RedemptionView[] = [];
  for (let c = after + 1; c <= Math.min(total, after + limit); c++) {
    const r = recordAt(q, issuer, c);
    if (r) items.push(r);
  }
  return { issuer, items, next: after + items.length, total };
}

const sse = (fields: { event: string; id?: number; data: unknown }) =>
  `event: ${fields.event}\n${fields.id === undefined ? "" : `id: ${fields.id}\n`}data: ${JSON.stringify(fields.data)}\n\n`;

/** One open stream: what it sent, and a poll that sends what is new. */
class FeedStream {
  private sent: number;
  /** Transaction hashes of the last records sent, by cursor. */
  private readonly hashes = new Map<number, string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(
    private readonly q: QueryContext,
    private readonly issuer: string,
    after: number,
    private readonly res: ServerResponse,
    private readonly onClose: () => void,
  ) {
    this.sent = after;
    this.timers.push(setInterval(() => this.poll(), FEED_POLL_MS));
    this.timers.push(setInterval(() => this.write(": keep-alive\n\n"), FEED_HEARTBEAT_MS));
    res.on("close", () => this.close());
  }

  private write(text: string): void {
    if (!this.closed) this.res.write(text);
  }

  /** Where the log and what was sent agree: below a record the log no longer has, or has another tx at. */
  private commonCursor(total: number): number {
    let n = Math.min(this.sent, total);
    for (let c = n; c > 0 && this.hashes.has(c); c--) {
      const r = readRedemption(this.q.state(), this.issuer, c - 1);
      if (r && toHex(r.txHash) === this.hashes.get(c)) break;
      n = c - 1;
    }
    return n;
  }

  poll(): void {
    if (this.closed || this.res.writableNeedDrain) return;
    const total = redemptionCount(this.q.state(), this.issuer);
    const common = this.commonCursor(total);
    if (common < this.sent) {
      for (const c of [...this.hashes.keys()]) if (c > common) this.hashes.delete(c);
      this.sent = common;
      this.write(sse({ event: "reorg", id: common, data: { cursor: common } }));
    }
    let chunk = "";
    for (let c = this.sent + 1; c <= Math.min(total, this.sent + STREAM_BATCH); c++) {
      const r = recordAt(this.q, this.issuer, c);
      if (!r) break;
      chunk += sse({ event: "redemption", id: c, data: r });
      this.hashes.set(c, r.txHash);
      this.hashes.delete(c - STREAM_MEMORY);
      this.sent = c;
    }
    if (chunk !== "") this.write(chunk);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.res.end();
    this.onClose();
  }
}

export function feedRoutes(app: FastifyInstance, q: QueryContext): void {
  registerRoute(app, listRedemptionsRoute, async ({ query }) => {
    const issuer = issuerOf(q, query.issuer);
    const after = parseCursor(query.after, redemptionCount(q.state(), issuer));
    return readFeed(q, issuer, after, query.limit ?? FEED_DEFAULT_PAGE);
  });

  const open = new Set<FeedStream>();
  // Open streams never go idle: end them when the server closes, or it would wait for them.
  app.addHook("preClose", async () => {
    for (const s of [...open]) s.close();
  });
  const schema = routeSchema(streamRedemptionsRoute);
  app.route({
    method: "GET",
    url: streamRedemptionsRoute.url,
    schema: {
      ...schema,
      response: {
        ...schema.response,
        200: {
          description: streamRedemptionsRoute.summary,
          content: { [EVENT_STREAM]: { schema: streamRedemptionsRoute.response } },
        },
      },
    },
    handler: async (request, reply) => {
      const query = request.query as Static<typeof StreamQuery>;
      const issuer = issuerOf(q, query.issuer);
      const lastEventId = request.headers["last-event-id"];
      const raw = typeof lastEventId === "string" && lastEventId !== "" ? lastEventId : query.after;
      const after = parseCursor(raw, redemptionCount(q.state(), issuer));
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": `${EVENT_STREAM}; charset=utf-8`,
        "cache-control": "no-cache",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      res.write(`: redemptions of ${issuer} after cursor ${after}\nretry: 2000\n\n`);
      const stream = new FeedStream(q, issuer, after, res, () => open.delete(stream));
      open.add(stream);
      stream.poll();
    },
  });
}
