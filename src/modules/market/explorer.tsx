/**
 * The voucher market on a class's page: the order book's depth (cumulative bids and asks by
 * price) and the last auctions' clearing prices and volumes, as charts.
 */
import type { JSX } from "preact";
import { useMemo } from "preact/hooks";
import { seg, useApi } from "../../explorer/api.js";
import { ChartView, COLORS } from "../../explorer/chart.js";
import type { ExplorerModule } from "../../explorer/page.js";
import { Answer, BlockLink, Card, Fields, Table } from "../../explorer/ui.js";
import type { AuctionView, BookView } from "./views.js";

const AUCTIONS = 30;

function cumulative(levels: { price: string; quantity: string }[]): { x: string; y: number }[] {
  let sum = 0;
  return levels.map((l) => {
    sum += Number(l.quantity);
    return { x: l.price, y: sum };
  });
}

function Market(props: { params: Record<string, string> }): JSX.Element {
  const id = props.params.id;
  const book = useApi<BookView>(`/v1/market/books/${seg(id)}?levels=50`, 5000);
  const auctions = useApi<{ items: AuctionView[]; next: string | null }>(
    `/v1/market/books/${seg(id)}/auctions?limit=${AUCTIONS}`,
    5000,
  );
  return (
    <>
      <Card title="Market: order book depth">
        <Answer answer={book.answer}>{(b) => <Depth book={b} />}</Answer>
      </Card>
      <Card title="Market: last auctions">
        <Answer answer={auctions.answer}>{(page) => <Auctions items={page.items} />}</Answer>
      </Card>
    </>
  );
}

function Depth(props: { book: BookView }): JSX.Element {
  const b = props.book;
  const data = useMemo(() => {
    const bids = cumulative(b.bids);
    const asks = cumulative(b.asks);
    const prices = [...new Set([...bids, ...asks].map((p) => p.x))].sort((x, y) => Number(x) - Number(y));
    const at = (side: { x: string; y: number }[]) =>
      prices.map((p) => side.find((s) => s.x === p)?.y ?? null);
    return {
      labels: prices,
      datasets: [
        { label: "bids (cumulative)", data: at(bids), backgroundColor: COLORS[2] },
        { label: "asks (cumulative)", data: at(asks), backgroundColor: COLORS[1] },
      ],
    };
  }, [b]);
  return (
    <>
      <Fields
        rows={[
          ["trading", b.trading ? "yes" : "no"],
          ["escrow", `${b.escrow.coins} coin units, ${b.escrow.units} voucher units`],
          [
            "last clearing",
            b.lastAuction
              ? `price ${b.lastAuction.price}, volume ${b.lastAuction.volume} at block ${b.lastAuction.height}`
              : null,
          ],
        ]}
      />
      {b.bids.length + b.asks.length === 0 ? (
        <p class="muted">the book is empty</p>
      ) : (
        <ChartView type="bar" data={data} label="order book depth by price" />
      )}
    </>
  );
}

function Auctions(props: { items: AuctionView[] }): JSX.Element {
  const items = [...props.items].reverse();
  const data = useMemo(
    () => ({
      labels: items.map((a) => String(a.height)),
      datasets: [
        {
          label: "clearing price",
          data: items.map((a) => Number(a.price)),
          borderColor: COLORS[0],
          backgroundColor: COLORS[0],
        },
        {
          label: "volume",
          data: items.map((a) => Number(a.volume)),
          borderColor: COLORS[3],
          backgroundColor: COLORS[3],
        },
      ],
    }),
    [props.items],
  );
  if (items.length === 0) return <p class="muted">no auction has cleared yet</p>;
  return (
    <>
      <ChartView type="line" data={data} label="clearing price and volume per auction" />
      <Table
        head={["block", "price", "volume", "orders"]}
        rows={props.items
          .slice(0, 10)
          .map((a) => [<BlockLink id={a.height} key="b" />, a.price, a.volume, a.filledOrders])}
      />
    </>
  );
}

export const marketExplorer: ExplorerModule = {
  name: "market",
  pages: [],
  panels: [{ page: "/voucher/:id", view: Market }],
};
