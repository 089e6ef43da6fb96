/**
 * Settlement: a netted cycle's summary and its carriers' statements, with the net positions
 * as a bar chart (who paid into the netting, who received), and the open rate-deck offers.
 */
import type { JSX } from "preact";
import { useEffect, useMemo } from "preact/hooks";
import type { NodeStatus } from "../../api/schemas.js";
import { seg, useApi } from "../../explorer/api.js";
import { ChartView, COLORS } from "../../explorer/chart.js";
import type { ExplorerModule } from "../../explorer/page.js";
import { Link, navigate } from "../../explorer/router.js";
import { Answer, BlockLink, Card, Fields, Table, units } from "../../explorer/ui.js";
import type { OfferSummaryView } from "./agreements/views.js";
import type { CycleView } from "./netting/views.js";

/** The last netted cycle at `head`, from cycle 0's length (every cycle is as long). */
function lastNetted(cycle0: CycleView, head: number): number {
  const blocks = cycle0.endHeight + 1;
  return Math.max(0, Math.floor((head + 1) / blocks) - 1);
}

function Settlement(props: { params: Record<string, string> }): JSX.Element {
  const status = useApi<NodeStatus>("/v1/status");
  const cycle0 = useApi<CycleView>("/v1/settlement/cycles/0");
  const latest =
    status.answer?.ok && cycle0.answer?.ok
      ? lastNetted(cycle0.answer.body, status.answer.body.height)
      : undefined;
  useEffect(() => {
    if (props.params.cycle === undefined && latest !== undefined) navigate(`/settlement/${latest}`, true);
  }, [props.params.cycle, latest]);
  if (props.params.cycle !== undefined) return <Cycle cycle={props.params.cycle} />;
  return <Answer answer={cycle0.answer}>{() => null}</Answer>;
}

function Cycle(props: { cycle: string }): JSX.Element {
  const { answer } = useApi<CycleView>(`/v1/settlement/cycles/${seg(props.cycle)}?limit=100`);
  const n = Number(props.cycle);
  return (
    <>
      <Card title={`Settlement cycle ${props.cycle}`}>
        <Answer answer={answer}>
          {(c) => (
            <>
              <Fields
                rows={[
                  [
                    "blocks",
                    <span key="b">
                      <BlockLink id={c.startHeight} /> – <BlockLink id={c.endHeight} />
                    </span>,
                  ],
                  ["gross volume", units(c.summary.grossVolume)],
                  ["settled", units(c.summary.settledVolume)],
                  ["carried", units(c.summary.carriedVolume)],
                  ["moved (net)", units(c.summary.netVolume)],
                  ["saved by netting", units(c.summary.saving)],
                  ["carriers", c.summary.carriers],
                  ["defaulters", c.summary.defaulters],
                ]}
              />
              <NetChart cycle={c} />
              <Table
                head={["carrier", "receivable", "payable", "net", "defaulted"]}
                rows={c.statements.items.map((s) => [
                  <Link href={`/carrier/${s.carrier}`} key="c">
                    {s.carrier}
                  </Link>,
                  s.grossReceivable,
                  s.grossPayable,
                  s.net,
                  s.defaulted ? "yes" : "",
                ])}
                empty="no amounts in this cycle"
              />
            </>
          )}
        </Answer>
        <div class="pager">
          {n > 0 && <Link href={`/settlement/${n - 1}`}>← cycle {n - 1}</Link>}
          <Link href={`/settlement/${n + 1}`}>cycle {n + 1} →</Link>
        </div>
      </Card>
      <Offers />
    </>
  );
}

function NetChart(props: { cycle: CycleView }): JSX.Element | null {
  const items = props.cycle.statements.items;
  const data = useMemo(
    () => ({
      labels: items.map((s) => s.carrier),
      datasets: [
        {
          label: "net position",
          data: items.map((s) => Number(s.net)),
          backgroundColor: items.map((s) => (s.net.startsWith("-") ? COLORS[1] : COLORS[2])),
        },
      ],
    }),
    [items],
  );
  if (items.length === 0) return null;
  return <ChartView type="bar" data={data} label="net position per carrier" />;
}

function Offers(): JSX.Element {
  const { answer } = useApi<{ items: OfferSummaryView[]; next: string | null }>(
    "/v1/settlement/offers?limit=20",
  );
  return (
    <Card title="Open rate-deck offers">
      <Answer answer={answer}>
        {(page) => (
          <Table
            head={["offer", "seller", "deck", "published"]}
            rows={page.items.map((o) => [
              o.id,
              <Link href={`/carrier/${o.seller}`} key="s">
                {o.seller}
              </Link>,
              `${o.deckBytes} bytes`,
              <BlockLink id={o.publishedAt} key="p" />,
            ])}
            empty="no open offers"
          />
        )}
      </Answer>
    </Card>
  );
}

export const settlementExplorer: ExplorerModule = {
  name: "settlement",
  pages: [
    { path: "/settlement", view: Settlement, nav: "Settlement" },
    { path: "/settlement/:cycle", view: Settlement },
  ],
};
