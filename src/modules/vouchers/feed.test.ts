/**
 * The redemption feed over a real HTTP connection: the node's own API server (createApiServer over
 * a NodeService) listening on a port, a real chain behind it. Paging by cursor, the same pages
 * after the chain is closed and opened again, the event stream's backlog and live records as
 * blocks come, resuming with Last-Event-ID, refusals in the API's error shape before a stream
 * starts, a reorganisation taking back a streamed record, the server closing with streams open,
 * and the OpenAPI document's text/event-stream response.
 */
import assert from "node:assert/strict";
import { get as httpGet, type IncomingMessage } from "node:http";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { createApiServer } from "../../api/server.js";
import { toHex } from "../../bytes.js";
import { txHash } from "../../codec/hashing.js";
import type { Block } from "../../codec/schema.js";
import { encodeAddress } from "../../crypto/address.js";
import { Mempool } from "../../mempool/mempool.js";
import { NodeService } from "../../node/service.js";
import { TestChain } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { parseSse, type SseEvent } from "./cli-feed.js";
import { type FeedPage, readFeed } from "./feed.js";
import {
  ALICE,
  BOB,
  carriersChain,
  fresh,
  ISSUER,
  ISSUER_OP,
  registerCarrier,
  vc,
  vouchersTestGenesis,
} from "./fixtures.test.js";
import type { RedemptionView } from "./views.js";

const LIMITS = { maxTxs: 100, maxBytes: 1 << 20, maxPerSender: 10, replaceBumpPercent: 10 };

async function serve(t: ModuleTestChain): Promise<{ app: FastifyInstance; url: string }> {
  const app = await createApiServer(new NodeService(t.c.chain, new Mempool(LIMITS)));
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return { app, url };
}

async function getJson<T>(url: string): Promise<{ status: number; body: T & { error?: { code: string } } }> {
  const r = await fetch(url);
  return { status: r.status, body: (await r.json()) as T & { error?: { code: string } } };
}

/** An open event stream: its response and the events read so far. */
interface Stream {
  res: IncomingMessage;
  events: SseEvent[];
  ended: Promise<void>;
  /** Waits until `n` events have come (at most `ms`). */
  waitFor(n: number, ms?: number): Promise<SseEvent[]>;
  close(): void;
}

function openStream(url: string, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
      const events: SseEvent[] = [];
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        const r = parseSse(buffer + chunk);
        events.push(...r.events);
        buffer = r.rest;
      });
      const ended = new Promise<void>((done) => res.on("close", done));
      resolve({
        res,
        events,
        ended,
        async waitFor(n, ms = 5_000) {
          const until = Date.now() + ms;
          while (events.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
          assert.ok(events.length >= n, `${events.length} events of ${n} after ${ms} ms`);
          return events;
        },
        close: () => req.destroy(),
      });
    });
    req.on("error", reject);
  });
}

const records = (events: SseEvent[]) =>
  events.filter((e) => e.event === "redemption").map((e) => JSON.parse(e.data) as RedemptionView);

let t: ModuleTestChain;
let server: { app: FastifyInstance; url: string };
const hashes: string[] = [];
const N = 120;

before(async () => {
  t = await carriersChain();
  await t.mine(t.call(ISSUER_OP, vc.create({ expiry: 10_000 })));
  await t.mine(t.call(ISSUER_OP, vc.issue(1, ALICE, 1_000_000n)));
  for (let i = 0; i < N; i += 60) {
    const txs = Array.from({ length: 60 }, (_, j) =>
      t.call(ALICE, vc.redeem(1, BigInt(i + j + 1), `+4915100${i + j}`)),
    );
    hashes.push(...txs.map((tx) => toHex(txHash(tx))));
    await t.mine(...txs);
  }
  server = await serve(t);
});
after(async () => {
  await server.app.close();
  await t.close();
});

const feed = (q: string) => getJson<FeedPage>(`${server.url}/v1/vouchers/redemptions?${q}`);

test("the feed pages by cursor; every record names its tx, height, class, units and subscriber", async () => {
  const seen: RedemptionView[] = [];
  let after = 0;
  for (;;) {
    const r = await feed(`issuer=${ISSUER}&after=${after}&limit=50`);
    assert.equal(r.status, 200);
    assert.equal(r.body.total, N);
    seen.push(...r.body.items);
    if (r.body.items.length === 0) break;
    assert.equal(r.body.next, after + r.body.items.length);
    after = r.body.next;
  }
  assert.deepEqual(
    seen.map((r) => r.cursor),
    Array.from({ length: N }, (_, i) => i + 1),
  );
  assert.deepEqual(
    seen.map((r) => r.txHash),
    hashes,
  );
  assert.deepEqual(seen[0], {
    cursor: 1,
    txHash: hashes[0],
    height: 4,
    classId: 1,
    units: "1",
    subscriber: "+49151000",
    holder: encodeAddress(ALICE.pub),
  });
  assert.equal(seen[N - 1].height, 5);
  const cases: [string, number, string][] = [
    [`issuer=${ISSUER}&after=${N + 1}`, 400, "VOUCHERS_BAD_CURSOR"],
    [`issuer=${ISSUER}&after=-1`, 400, "VOUCHERS_BAD_CURSOR"],
    [`issuer=${ISSUER}&after=x`, 400, "VOUCHERS_BAD_CURSOR"],
    ["issuer=aa", 400, "VOUCHERS_BAD_CARRIER"],
    ["issuer=ZZZ", 404, "VOUCHERS_UNKNOWN_CARRIER"],
    [`issuer=${ISSUER}&limit=101`, 400, "BAD_REQUEST"],
  ];
  for (const [q, status, code] of cases) {
    const r = await feed(q);
    assert.deepEqual([r.status, r.body.error?.code], [status, code], q);
  }
  const empty = await feed("issuer=BBB");
  assert.deepEqual([empty.body.items, empty.body.next, empty.body.total], [[], 0, 0]);
});

test("the stream sends the backlog after the cursor, then records as blocks include them", async () => {
  const s = await openStream(`${server.url}/v1/vouchers/redemptions/stream?issuer=${ISSUER}&after=${N - 2}`);
  try {
    assert.equal(s.res.statusCode, 200);
    assert.match(String(s.res.headers["content-type"]), /^text\/event-stream/);
    await s.waitFor(2);
    assert.deepEqual(
      s.events.map((e) => [e.event, e.id]),
      [
        ["redemption", String(N - 1)],
        ["redemption", String(N)],
      ],
    );
    const live = [t.call(ALICE, vc.redeem(1, 7n, "acct-1")), t.call(ALICE, vc.redeem(1, 8n, "acct-2"))];
    await t.mine(...live);
    await s.waitFor(4);
    const got = records(s.events).slice(2);
    assert.deepEqual(
      got.map((r) => [r.cursor, r.txHash, r.units, r.subscriber, r.height]),
      [
        [N + 1, toHex(txHash(live[0])), "7", "acct-1", t.height],
        [N + 2, toHex(txHash(live[1])), "8", "acct-2", t.height],
      ],
    );
  } finally {
    s.close();
  }
  // an EventSource resumes with Last-Event-ID, which wins over ?after=
  const again = await openStream(`${server.url}/v1/vouchers/redemptions/stream?issuer=${ISSUER}&after=0`, {
    "last-event-id": String(N + 1),
  });
  try {
    await again.waitFor(1);
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual(
      again.events.map((e) => e.id),
      [String(N + 2)],
    );
  } finally {
    again.close();
  }
});

test("refusals before a stream starts are JSON in the API's error shape", async () => {
  for (const [q, status, code] of [
    ["issuer=aa", 400, "VOUCHERS_BAD_CARRIER"],
    ["issuer=ZZZ", 404, "VOUCHERS_UNKNOWN_CARRIER"],
    [`issuer=${ISSUER}&after=99999`, 400, "VOUCHERS_BAD_CURSOR"],
  ] as const) {
    const r = await fetch(`${server.url}/v1/vouchers/redemptions/stream?${q}`);
    assert.equal(r.status, status, q);
    assert.match(String(r.headers.get("content-type")), /^application\/json/);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, code, q);
  }
});

test("the OpenAPI document gives the stream a text/event-stream response", async () => {
  const doc = (await getJson<Record<string, never>>(`${server.url}/v1/openapi.json`)).body as unknown as {
    paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }>;
  };
  const ok = doc.paths["/v1/vouchers/redemptions/stream"].get.responses["200"];
  assert.deepEqual(Object.keys(ok.content), ["text/event-stream"]);
  assert.ok(doc.paths["/v1/vouchers/redemptions"].get.responses["200"].content["application/json"]);
});

test("a reorganisation that takes back a streamed record sends `reorg`, then the new branch's", async () => {
  const a = fresh();
  const b = fresh();
  const own = await serve(a);
  try {
    const common: Block[] = [
      await a.mine(a.call(ISSUER_OP, registerCarrier(ISSUER, "1555"))),
      await a.mine(a.call(ISSUER_OP, vc.create({ expiry: 1_000 }))),
      await a.mine(a.call(ISSUER_OP, vc.issue(1, ALICE, 100n)), a.call(ISSUER_OP, vc.issue(1, BOB, 100n))),
    ];
    await b.followFrom(a, common);
    b.c.clock = a.c.clock + 1;
    const s = await openStream(`${own.url}/v1/vouchers/redemptions/stream?issuer=${ISSUER}`);
    try {
      const x = a.call(ALICE, vc.redeem(1, 5n, "alice"));
      await a.mine(x);
      await s.waitFor(1);
      assert.equal(records(s.events)[0].txHash, toHex(txHash(x)));
      // b: Bob's redemption instead, and one block more
      const y = b.call(BOB, vc.redeem(1, 9n, "bob"));
      const branch = [await b.mine(y), await b.mine()];
      a.c.clock = b.c.clock;
      await a.importBlocks(branch);
      assert.equal(toHex(a.c.chain.head().hash), toHex(b.c.chain.head().hash));
      await s.waitFor(3);
      assert.deepEqual(
        s.events.map((e) => [e.event, e.id]),
        [
          ["redemption", "1"],
          ["reorg", "0"],
          ["redemption", "1"],
        ],
      );
      assert.deepEqual(JSON.parse(s.events[1].data), { cursor: 0 });
      const r = records(s.events)[1];
      assert.equal(r.txHash, toHex(txHash(y)));
      assert.equal(r.subscriber, "bob");
    } finally {
      s.close();
    }
  } finally {
    await own.app.close();
    await a.close();
    await b.close();
  }
});

test("a cursor means the same after the node is stopped and started again", async () => {
  const c = await carriersChain();
  await c.mine(c.call(ISSUER_OP, vc.create({ expiry: 1_000 })));
  await c.mine(c.call(ISSUER_OP, vc.issue(1, ALICE, 100n)));
  await c.mine(...[1n, 2n, 3n, 4n].map((n) => c.call(ALICE, vc.redeem(1, n, `s${n}`))));
  const page = (q: ModuleTestChain) => readFeed(q.query("vouchers"), ISSUER, 2, 50);
  const before = page(c);
  await c.c.close(false);
  const reopened = new ModuleTestChain(TestChain.create(vouchersTestGenesis(), c.c.dir));
  try {
    assert.deepEqual(page(reopened), before);
    assert.deepEqual(
      before.items.map((r) => [r.cursor, r.units]),
      [
        [3, "3"],
        [4, "4"],
      ],
    );
  } finally {
    await reopened.close();
  }
});

test("closing the server ends the streams still open", async () => {
  const c = await carriersChain();
  const own = await serve(c);
  const s = await openStream(`${own.url}/v1/vouchers/redemptions/stream?issuer=${ISSUER}`);
  const started = Date.now();
  await own.app.close();
  await s.ended;
  assert.ok(Date.now() - started < 3_000, "closed promptly");
  await c.close();
});
