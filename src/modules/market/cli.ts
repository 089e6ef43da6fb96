/**
 * `telchain market buy|sell|cancel|book|auctions|orders|order`: orders signed and sent (checked
 * as the chain checks them before anything is sent), and the book, its clearings and an
 * address's orders and fills read from the node; each with --json or human output.
 */
import type { Command } from "commander";
import { addressArgument, intOption, uint64Argument } from "../../cli/arguments.js";
import { pagingOptions, runList } from "../../cli/list-command.js";
import { globals, keyValues } from "../../cli/output.js";
import { signedCommand } from "../../cli/signed-command.js";
import type { CliContext } from "../../module/interface.js";
import { checkCall } from "../../module/kind.js";
import { parseClass, parseHeight, parseOrderId, parseOrderRef } from "./ids.js";
import { marketCalls, marketKinds } from "./kinds.js";
import type { AuctionDetailView, AuctionView, BookView, FillView, LevelView, OrderView } from "./views.js";

const MAX_EXPIRY = BigInt(Number.MAX_SAFE_INTEGER);

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/** What an order's status means for its escrow, in a few words. */
function statusText(o: OrderView): string {
  const rest =
    o.side === "buy" ? `${BigInt(o.remaining) * BigInt(o.price)} coin base units` : `${o.remaining} units`;
  switch (o.status) {
    case "open":
      return `open: rests until height ${o.expiry}`;
    case "filled":
      return `filled at height ${o.closedAt}`;
    case "held":
      return `left the book at height ${o.closedAt}; ${rest} held (returning them would pass 2^64 − 1): cancel to take them back`;
    case "lapsed":
      return `left the book at height ${o.closedAt}; ${rest} expired with the class`;
    default:
      return `${o.status} at height ${o.closedAt}: ${rest} returned`;
  }
}

/** An order in a few lines. */
export function formatOrder(o: OrderView): string {
  return keyValues([
    ["order", o.id],
    ["side", o.side],
    ["class", o.class],
    ["price", `${o.price} per unit`],
    ["quantity", o.quantity],
    ["filled", `${o.filled} in ${plural(o.fills, "clearing")}`],
    ["status", statusText(o)],
    [o.side === "buy" ? "paid" : "received", o.coins],
    ["escrow", o.side === "buy" ? `${o.escrow} coin base units` : `${o.escrow} units`],
    ["owner", o.owner],
  ]);
}

/** One line of an address's open orders. */
export const orderLine = (o: OrderView) =>
  `#${o.id}  ${o.side.padEnd(4)}  class ${o.class}  ${o.remaining}/${o.quantity} @ ${o.price}  ` +
  (o.status === "open" ? `until ${o.expiry}` : `${o.status}: cancel to take back ${o.escrow}`);

/** One line of a fill. */
export const fillLine = (f: FillView) =>
  `height ${f.height}  class ${f.class}  #${f.order} ${f.side.padEnd(4)} ${f.quantity} @ ${f.price} (limit ${f.limit})  ` +
  (f.side === "buy" ? `paid ${f.amount}, refund ${f.refund}` : `received ${f.amount}`);

export const auctionLine = (a: AuctionView) =>
  `height ${a.height}  ${a.volume} units @ ${a.price}  (value ${a.value}, ${a.filledOrders} orders filled)`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padStart(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(head), ...rows.map(line)].join("\n");
}

export function formatBook(b: BookView): string {
  const head = keyValues([
    ["class", b.unit ? `${b.class} (${b.unit})` : `${b.class} (the class is gone)`],
    [
      "trading",
      b.trading
        ? `yes, until height ${b.lastTradingHeight} (the class expires at ${b.classExpiry})`
        : b.classExpiry === null
          ? "no"
          : `closed (the class expires at ${b.classExpiry})`,
    ],
    ["buys", `${plural(b.buys.orders, "order")}, ${b.buys.quantity} units`],
    ["sells", `${plural(b.sells.orders, "order")}, ${b.sells.quantity} units`],
    ["escrow", `${b.escrow.coins} coin base units, ${b.escrow.units} units`],
    [
      "last clearing",
      b.lastAuction
        ? `height ${b.lastAuction.height}: ${b.lastAuction.volume} units @ ${b.lastAuction.price}`
        : "none",
    ],
    ["queued", b.queued ? "yes: it clears at the end of the next block" : undefined],
  ]);
  const rows: string[][] = [];
  const level = (l: LevelView | undefined) => (l ? [l.orders.toString(), l.quantity, l.price] : ["", "", ""]);
  for (let i = 0; i < Math.max(b.bids.length, b.asks.length); i++) {
    const [bo, bq, bp] = level(b.bids[i]);
    const [ao, aq, ap] = level(b.asks[i]);
    rows.push([bo, bq, bp, ap, aq, ao]);
  }
  if (rows.length === 0) return `${head}\n\nno orders`;
  return `${head}\n\n${table(["orders", "bid units", "bid", "ask", "ask units", "orders"], rows)}`;
}

export function formatAuction(a: AuctionDetailView): string {
  const head = keyValues([
    ["class", a.class],
    ["height", a.height],
    ["price", `${a.price} per unit`],
    ["volume", `${a.volume} units`],
    ["value", `${a.value} coin base units`],
    ["demand at price", a.demand],
    ["supply at price", a.supply],
    ["orders filled", a.filledOrders],
    ["excluded", a.excluded > 0 ? `${a.excluded} (paying them would pass 2^64 − 1)` : undefined],
  ]);
  const rows = a.fills.items.map((f) => [
    `#${f.order}`,
    f.side,
    f.quantity,
    f.limit,
    f.side === "buy" ? `-${f.amount}` : `+${f.amount}`,
    f.refund,
    f.owner,
  ]);
  const more = a.fills.next === null ? [] : [`next: --cursor ${a.fills.next}`];
  return [
    head,
    "",
    table(["order", "side", "units", "limit", "coins", "refund", "owner"], rows),
    ...more,
  ].join("\n");
}

export function marketCli(program: Command, ctx: CliContext): void {
  const market = program
    .command("market")
    .description("the voucher market: limit orders, one batch auction per book at the end of every block");

  for (const side of ["buy", "sell"] as const) {
    signedCommand(market, ctx, {
      name: side,
      description:
        side === "buy"
          ? "a limit buy order: escrows quantity × price coin base units until it fills, expires or is cancelled"
          : "a limit sell order: escrows the units until they sell, the order expires or is cancelled",
      options: (c) =>
        c
          .requiredOption("--class <id>", "voucher class")
          .requiredOption("--quantity <units>", "voucher units, at least 1")
          .requiredOption("--price <base units>", "coin base units per voucher unit, at least 1 (the limit)")
          .option(
            "--expiry <height>",
            "the last height at which the order rests (default: the chain's default)",
          ),
      build: (_args, o) => {
        const amount = (v: unknown, what: string, max?: bigint) =>
          uint64Argument(String(v), what, { code: "MARKET_BAD_AMOUNT", max });
        const call = marketCalls[side]({
          classId: parseClass(String(o.class)),
          quantity: amount(o.quantity, "--quantity"),
          price: amount(o.price, "--price"),
          expiry: o.expiry === undefined ? 0 : Number(amount(o.expiry, "--expiry", MAX_EXPIRY)),
        });
        return checkCall(marketKinds, call);
      },
      async show(r) {
        if (r.status !== "included") return { human: `${side} order submitted` };
        const order = (await ctx.get(r.api, `/v1/market/orders/${r.hash}`)) as OrderView;
        return { json: { order }, human: formatOrder(order) };
      },
    });
  }

  signedCommand(market, ctx, {
    name: "cancel <order>",
    description: "cancel an open (or held) order of yours: what is left in escrow returns at once",
    build: ([raw]) => marketCalls.cancel({ order: parseOrderId(raw) }),
    async show(r, [raw]) {
      if (r.status !== "included") return { human: `cancel of order ${raw} submitted` };
      const order = (await ctx.get(r.api, `/v1/market/orders/${raw}`)) as OrderView;
      return { json: { order }, human: formatOrder(order) };
    },
  });

  market
    .command("book <class>")
    .description("a class's order book: price levels (best first), escrow, last clearing")
    .option("--levels <n>", "price levels per side, 1 to 100 (default 20)", intOption("--levels", 1, 100))
    .action(async (raw: string, o: { levels?: number }, cmd: Command) => {
      const g = globals(cmd);
      const path = `/v1/market/books/${parseClass(raw)}${o.levels ? `?levels=${o.levels}` : ""}`;
      const b = (await ctx.get(g.api, path)) as BookView;
      ctx.print(g.json, b, () => formatBook(b));
    });

  pagingOptions(
    market
      .command("auctions <class>")
      .description("a book's clearings, newest first; with --height, one clearing and its fills")
      .option("--height <h>", "the clearing at this height, with every fill"),
  ).action(
    async (
      raw: string,
      o: { height?: string; limit?: number; cursor?: string; all?: boolean },
      cmd: Command,
    ) => {
      const classId = parseClass(raw);
      if (o.height === undefined)
        return runList(ctx, cmd, {
          path: `/v1/market/books/${classId}/auctions`,
          line: auctionLine,
          empty: `class ${classId} has not cleared yet`,
        });
      const g = globals(cmd);
      const path = `/v1/market/books/${classId}/auctions/${parseHeight(o.height)}`;
      const page = (cursor?: string) =>
        ctx.get(
          g.api,
          `${path}?limit=${o.all ? 100 : (o.limit ?? 50)}${cursor ? `&cursor=${cursor}` : ""}`,
        ) as Promise<AuctionDetailView>;
      const a = await page(o.cursor);
      while (o.all && a.fills.next !== null) {
        const more = await page(a.fills.next);
        a.fills.items.push(...more.fills.items);
        a.fills.next = more.fills.next;
      }
      ctx.print(g.json, a, () => formatAuction(a));
    },
  );

  pagingOptions(
    market
      .command("orders <address>")
      .description("an address's open orders (in id order); with --fills, its fills (newest first)")
      .option("--fills", "its fills instead"),
  ).action(async (raw: string, o: { fills?: boolean }, cmd: Command) => {
    const owner = encodeURIComponent(raw);
    addressArgument(raw, "<address>");
    if (o.fills)
      return runList<FillView>(ctx, cmd, {
        path: `/v1/market/fills?owner=${owner}`,
        line: fillLine,
        empty: "no fills",
      });
    return runList<OrderView>(ctx, cmd, {
      path: `/v1/market/orders?owner=${owner}`,
      line: orderLine,
      empty: "no open orders",
    });
  });

  market
    .command("order <order>")
    .description("one order, open or closed: by id or by the hash of the transaction that placed it")
    .action(async (raw: string, _o, cmd: Command) => {
      const g = globals(cmd);
      parseOrderRef(raw);
      const order = (await ctx.get(g.api, `/v1/market/orders/${raw}`)) as OrderView;
      ctx.print(g.json, order, () => formatOrder(order));
    });
}
