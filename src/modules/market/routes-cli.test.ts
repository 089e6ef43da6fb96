/**
 * The market's routes and CLI over a real chain. The CLI's signed commands are submitted to
 * that chain (each mined in its own block, as `--wait` does) and its reads answered by the
 * routes under test: a sell, a buy that crosses it and clears in its block, the book, the
 * clearing with its fills, an address's open orders and fills, one order by id or by its
 * transaction, a cancel — human output and --json — and every refusal by its code.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { toHex } from "../../bytes.js";
import { txHash } from "../../codec/hashing.js";
import { encodeAddress } from "../../crypto/address.js";
import type { TestKey } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { runCliOverRoutes } from "../../testing/module-cli.js";
import { assertRouteRefusals, routesUnderTest } from "../../testing/routes-app.js";
import { A, B, C, classWithUnits, marketChain, mc, units } from "./fixtures.test.js";
import { marketModule } from "./index.js";
import type { AuctionDetailView, AuctionView, BookView, FillView, OrderView } from "./views.js";

let t: ModuleTestChain;
let cls: number;
let cleared: number; // the height of the first clearing
const api = routesUnderTest(
  marketModule,
  { query: (m: string) => t.query(m) } as ModuleTestChain,
  async () => {
    t = marketChain();
    cls = await classWithUnits(t, [A, C], 1_000n);
    // book: A sells 500 at 10 and 100 at 15 (orders 1, 2); C buys 50 at 5 (3). B buys 300 at 12 (4): clears at 11.
    await t.mine(
      t.call(A, mc.sell(cls, 500n, 10n)),
      t.call(A, mc.sell(cls, 100n, 15n)),
      t.call(C, mc.buy(cls, 50n, 5n)),
    );
    await t.mine(t.call(B, mc.buy(cls, 300n, 12n)));
    cleared = t.height;
  },
);
after(() => t.close());

const get = api.get;

test("GET a book: price levels best first, escrow, the last clearing", async () => {
  const { status, body } = await get(`/v1/market/books/${cls}`);
  assert.equal(status, 200);
  const b = body as BookView;
  assert.deepEqual(
    [b.class, b.unit, b.trading, b.buys, b.sells, b.escrow, b.queued],
    [
      cls,
      "megabyte",
      true,
      { orders: 1, quantity: "50" },
      { orders: 2, quantity: "300" },
      { coins: "250", units: "300" },
      false,
    ],
  );
  assert.deepEqual(b.bids, [{ price: "5", quantity: "50", orders: 1 }]);
  assert.deepEqual(b.asks, [
    { price: "10", quantity: "200", orders: 1 },
    { price: "15", quantity: "100", orders: 1 },
  ]);
  assert.deepEqual(
    [b.lastAuction?.height, b.lastAuction?.price, b.lastAuction?.volume],
    [cleared, "11", "300"],
  );
  assert.equal(((await get(`/v1/market/books/${cls}?levels=1`)).body as BookView).asks.length, 1);
});

test("GET the clearings of a book, and one with its fills", async () => {
  const list = (await get(`/v1/market/books/${cls}/auctions`)).body as { items: AuctionView[]; next: null };
  assert.deepEqual(list.items, [
    {
      class: cls,
      height: cleared,
      price: "11",
      volume: "300",
      value: "3300",
      demand: "300",
      supply: "500",
      filledOrders: 2,
      excluded: 0,
    },
  ]);
  const a = (await get(`/v1/market/books/${cls}/auctions/${cleared}`)).body as AuctionDetailView;
  assert.deepEqual(
    a.fills.items.map((f) => [f.order, f.side, f.quantity, f.price, f.limit, f.amount, f.refund]),
    [
      [1, "sell", "300", "11", "10", "3300", "0"],
      [4, "buy", "300", "11", "12", "3300", "300"],
    ],
  );
  const p1 = (await get(`/v1/market/books/${cls}/auctions/${cleared}?limit=1`)).body as AuctionDetailView;
  assert.equal(p1.fills.items.length, 1);
  const p2 = (await get(`/v1/market/books/${cls}/auctions/${cleared}?limit=1&cursor=${p1.fills.next}`))
    .body as AuctionDetailView;
  assert.deepEqual([p2.fills.items[0].order, p2.fills.next], [4, null]);
});

test("GET an order by id and by its transaction; an address's open orders and fills", async () => {
  const byId = (await get("/v1/market/orders/4")).body as OrderView;
  assert.deepEqual(
    [byId.side, byId.status, byId.filled, byId.remaining, byId.coins, byId.escrow, byId.closedAt],
    ["buy", "filled", "300", "0", "3300", "0", cleared],
  );
  const byTx = (await get(`/v1/market/orders/${byId.tx}`)).body as OrderView;
  assert.deepEqual(byTx, byId);
  const open = (await get(`/v1/market/orders?owner=${encodeAddress(A.pub)}`)).body as { items: OrderView[] };
  assert.deepEqual(
    open.items.map((o) => [o.id, o.remaining, o.escrow, o.status]),
    [
      [1, "200", "200", "open"],
      [2, "100", "100", "open"],
    ],
  );
  const fills = (await get(`/v1/market/fills?owner=${encodeAddress(B.pub)}`)).body as { items: FillView[] };
  assert.deepEqual(
    fills.items.map((f) => [f.height, f.order, f.quantity, f.amount]),
    [[cleared, 4, "300", "3300"]],
  );
});

test("route refusals, each with its code", async () => {
  const cases: [string, number, string][] = [
    ["/v1/market/books/0", 400, "MARKET_BAD_CLASS"],
    ["/v1/market/books/x", 400, "MARKET_BAD_CLASS"],
    ["/v1/market/books/99", 404, "MARKET_UNKNOWN_CLASS"],
    ["/v1/market/books/1?levels=0", 400, "BAD_REQUEST"],
    ["/v1/market/books/1/auctions?cursor=zz", 400, "BAD_CURSOR"],
    ["/v1/market/books/1/auctions/x", 400, "MARKET_BAD_HEIGHT"],
    ["/v1/market/books/1/auctions/1", 404, "MARKET_NO_AUCTION"],
    ["/v1/market/orders/0", 400, "MARKET_BAD_ORDER"],
    ["/v1/market/orders/abc", 400, "MARKET_BAD_ORDER"],
    ["/v1/market/orders/99", 404, "MARKET_UNKNOWN_ORDER"],
    [`/v1/market/orders/${"ab".repeat(32)}`, 404, "MARKET_UNKNOWN_ORDER"],
    ["/v1/market/orders?owner=tel1xyz", 400, "ADDRESS_INVALID"],
    ["/v1/market/fills?owner=nope", 400, "ADDRESS_INVALID"],
    ["/v1/market/orders", 400, "BAD_REQUEST"],
  ];
  await assertRouteRefusals(get, cases);
});

const SIGNERS: Record<string, TestKey> = { a: A, b: B, c: C };

/** Runs `telchain market ...` in process: signed calls are mined on the chain, reads go to the routes. */
async function cli(...args: string[]) {
  const run = await runCliOverRoutes(marketModule, args, get, async ({ from, module, kind, payload }) => {
    const tx = t.call(SIGNERS[from], { module, kind, payload });
    await t.mine(tx);
    return { hash: toHex(txHash(tx)), status: "included", height: t.height };
  });
  return run.printed;
}

test("CLI: sell, a crossing buy, the book, the clearing, orders, fills, cancel — human and --json", async () => {
  const [sold] = await cli(
    "market",
    "sell",
    "--class",
    String(cls),
    "--quantity",
    "40",
    "--price",
    "20",
    "--from",
    "c",
  );
  assert.match(sold.text, /^order\s+5$/m);
  assert.match(sold.text, /^status\s+open: rests until height \d+$/m);
  assert.match(sold.text, /^escrow\s+40 units$/m);
  const [bought] = await cli(
    "--json",
    ...["market", "buy", "--class", String(cls), "--quantity", "250", "--price", "16", "--from", "b"],
  );
  const h = t.height;
  const order = (bought.value as { order: OrderView }).order;
  // asks 200 at 10, 100 at 15, 40 at 20; bids 50 at 5, 250 at 16:
  //  price   demand  supply  volume  imbalance
  //     5     300       0       0
  //    10     250     200     200      50
  //    15     250     300     250      50   ← tie
  //    16     250     300     250      50   ← tie
  //    20       0     340       0
  // p = floor((15 + 16) / 2) = 15: the buy fills 250, order 1 its 200, order 2 50 of its 100 (at p)
  assert.deepEqual([order.id, order.status, order.filled, order.coins], [6, "filled", "250", "3750"]);

  const book = (await cli("market", "book", String(cls)))[0].text;
  assert.match(book, /^last clearing\s+height \d+: 250 units @ 15$/m);
  assert.match(book, /^sells\s+2 orders, 90 units$/m);
  assert.match(book, /^\s*1\s+50\s+5\s+15\s+50\s+1$/m, "the bid at 5 beside the ask at 15");
  const json = (await cli("--json", "market", "book", String(cls)))[0].value as BookView;
  assert.equal(json.asks[0].price, "15");

  const list = (await cli("market", "auctions", String(cls)))[0].text.split("\n");
  assert.deepEqual(list, [
    `height ${h}  250 units @ 15  (value 3750, 3 orders filled)`,
    `height ${cleared}  300 units @ 11  (value 3300, 2 orders filled)`,
  ]);
  const one = (await cli("market", "auctions", String(cls), "--height", String(h)))[0].text;
  assert.match(one, /^price\s+15 per unit$/m);
  assert.match(
    one,
    new RegExp(`^\\s*#6\\s+buy\\s+250\\s+16\\s+-3750\\s+250\\s+${encodeAddress(B.pub)}$`, "m"),
  );
  assert.match(one, /^\s*#1\s+sell\s+200\s+10\s+\+3000\s+0\s+tel1/m);
  assert.match(one, /^\s*#2\s+sell\s+50\s+15\s+\+750\s+0\s+tel1/m);

  const orders = (await cli("market", "orders", encodeAddress(A.pub)))[0].text;
  assert.match(orders, /^#2 {2}sell {2}class 1 {2}50\/100 @ 15 {2}until \d+$/m);
  const fills = (await cli("market", "orders", encodeAddress(A.pub), "--fills"))[0].text.split("\n");
  assert.equal(fills.length, 3, "order 1 in two clearings, order 2 in one");
  assert.match(
    fills[0],
    new RegExp(`^height ${h} {2}class 1 {2}#1 sell 200 @ 15 \\(limit 10\\) {2}received 3000$`),
  );
  const paged = (await cli("--json", "market", "orders", encodeAddress(A.pub), "--fills", "--limit", "1"))[0]
    .value as { items: FillView[]; next: string };
  assert.equal(paged.items.length, 1);
  assert.ok(paged.next);

  const unitsBefore = units(t, cls, A);
  const [cancelled] = await cli("market", "cancel", "2", "--from", "a");
  assert.match(cancelled.text, /^status\s+cancelled at height \d+: 50 units returned$/m);
  assert.equal(units(t, cls, A), unitsBefore + 50n);
  const shown = (await cli("market", "order", "2"))[0].text;
  assert.match(shown, /^filled\s+50 in 1 clearing$/m);
});

test("CLI refusals before anything is sent", async () => {
  const order = ["market", "buy", "--class", "1", "--from", "b"];
  const cases: [string[], string][] = [
    [[...order, "--quantity", "0", "--price", "1"], "MARKET_ZERO_QUANTITY"],
    [[...order, "--quantity", "1", "--price", "0"], "MARKET_ZERO_PRICE"],
    [[...order, "--quantity", "x", "--price", "1"], "MARKET_BAD_AMOUNT"],
    [[...order, "--quantity", "18446744073709551616", "--price", "1"], "MARKET_BAD_AMOUNT"],
    [[...order, "--quantity", "4294967296", "--price", "4294967296"], "MARKET_OVERFLOW"],
    [[...order, "--quantity", "1", "--price", "1", "--expiry", "-1"], "MARKET_BAD_AMOUNT"],
    [
      ["market", "sell", "--class", "0", "--quantity", "1", "--price", "1", "--from", "a"],
      "MARKET_BAD_CLASS",
    ],
    [["market", "cancel", "x", "--from", "a"], "MARKET_BAD_ORDER"],
    [["market", "cancel", "ab".repeat(32), "--from", "a"], "MARKET_BAD_ORDER"],
    [["market", "book", "-"], "MARKET_BAD_CLASS"],
    [["market", "auctions", "1", "--height", "x"], "MARKET_BAD_HEIGHT"],
    [["market", "orders", "tel1nope"], "ADDRESS_INVALID"],
    [["market", "order", "nope"], "MARKET_BAD_ORDER"],
    [["market", "order", "12345"], "MARKET_UNKNOWN_ORDER"],
  ];
  const height = t.height;
  for (const [args, code] of cases) await assert.rejects(cli(...args), { code }, args.join(" "));
  assert.equal(t.height, height, "nothing was sent");
});
