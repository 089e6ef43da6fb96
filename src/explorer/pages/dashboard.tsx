/**
 * Dashboard: the node's height, peers, mempool and hash rate, polled every 2 s, and charts
 * of block time, difficulty and transactions per block over the last blocks.
 */
import type { JSX } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { BlockView, NodeStatus } from "../../api/schemas.js";
import { bitsToTarget } from "../../chain/compact.js";
import { apiGet, useApi } from "../api.js";
import { ChartView, COLORS } from "../chart.js";
import { BlockLink, Card, ErrorBox, Fields, Loading, Short, Table } from "../ui.js";

/** How many recent blocks the charts show. */
export const CHART_BLOCKS = 30;
const POLL_MS = 2000;

export function Dashboard(): JSX.Element {
  const { answer } = useApi<NodeStatus>("/v1/status", POLL_MS);
  const status = answer?.ok ? answer.body : undefined;
  const blocks = useRecentBlocks(status?.height);
  if (answer && !answer.ok) return <ErrorBox error={answer.error} />;
  if (!status) return <Loading />;
  return (
    <>
      <div class="stats">
        <Stat label="height" value={status.height} id="stat-height" />
        <Stat label="peers" value={status.peers} />
        <Stat label="mempool" value={`${status.mempool.size} txs`} />
        <Stat label="hash rate" value={`${status.hashRate.toLocaleString("en-US")} H/s`} />
        <Stat label="difficulty" value={status.difficulty.toLocaleString("en-US")} />
        <Stat label="sync" value={status.syncing ? "syncing" : status.mining ? "mining" : "idle"} />
      </div>
      <Charts blocks={blocks} status={status} />
      <Card title="Latest blocks">
        <Table
          head={["height", "hash", "txs", "time"]}
          rows={[...blocks]
            .reverse()
            .slice(0, 10)
            .map((b) => [
              <BlockLink id={b.height} key="h" />,
              <Short value={b.hash} href={`/block/${b.hash}`} key="x" />,
              b.txs.length,
              new Date(b.timestamp * 1000).toLocaleTimeString(),
            ])}
        />
      </Card>
      <Card title="Node">
        <Fields
          rows={[
            ["chain", status.chainId],
            ["genesis", <Short value={status.genesisHash} key="g" />],
            ["version", status.version],
            ["peer id", status.peerId],
          ]}
        />
      </Card>
    </>
  );
}

function Stat(props: { label: string; value: string | number; id?: string }): JSX.Element {
  return (
    <div class="stat" id={props.id}>
      <div class="stat-value">{props.value}</div>
      <div class="stat-label">{props.label}</div>
    </div>
  );
}

/** The last CHART_BLOCKS main-chain blocks up to `height`, fetching only the new ones. */
function useRecentBlocks(height: number | undefined): BlockView[] {
  const cache = useRef(new Map<number, BlockView>());
  const [blocks, setBlocks] = useState<BlockView[]>([]);
  useEffect(() => {
    if (height === undefined) return;
    let live = true;
    (async () => {
      const from = Math.max(0, height - CHART_BLOCKS + 1);
      for (const h of cache.current.keys()) if (h < from) cache.current.delete(h);
      const want: number[] = [];
      for (let h = from; h <= height; h++) if (!cache.current.has(h)) want.push(h);
      const got = await Promise.all(want.map((h) => apiGet<BlockView>(`/v1/blocks/${h}`)));
      for (const a of got) if (a.ok) cache.current.set(a.body.height, a.body);
      const list = [...cache.current.values()].sort((a, b) => a.height - b.height);
      // A reorganisation replaced blocks: forget them all, the next poll fetches the new branch.
      if (list.some((b, i) => i > 0 && b.parent !== list[i - 1].hash)) cache.current.clear();
      if (live) setBlocks(list);
    })();
    return () => {
      live = false;
    };
  }, [height]);
  return blocks;
}

function Charts(props: { blocks: BlockView[]; status: NodeStatus }): JSX.Element {
  const { blocks, status } = props;
  const data = useMemo(() => {
    const labels = blocks.map((b) => String(b.height));
    const headTarget = bitsToTarget(Number(status.bits));
    // The genesis timestamp is a fixed date in the genesis config, so block 1's gap to it says
    // nothing about block times: it is left out (as is the first block shown, whose parent is not).
    const times = blocks.map((b, i) =>
      i === 0 || blocks[i - 1].height === 0 ? null : b.timestamp - blocks[i - 1].timestamp,
    );
    // Difficulty is relative to the head's, which the status gives: difficulty ∝ 1 / target.
    // In floating point: the status' difficulty need not be an integer.
    const difficulty = blocks.map(
      (b) => (status.difficulty * Number(headTarget)) / Number(bitsToTarget(Number(b.bits))),
    );
    return {
      time: {
        labels,
        datasets: [{ label: "seconds", data: times, borderColor: COLORS[0], backgroundColor: COLORS[0] }],
      },
      difficulty: {
        labels,
        datasets: [
          { label: "difficulty", data: difficulty, borderColor: COLORS[1], backgroundColor: COLORS[1] },
        ],
      },
      txs: {
        labels,
        datasets: [
          { label: "transactions", data: blocks.map((b) => b.txs.length), backgroundColor: COLORS[2] },
        ],
      },
    };
  }, [blocks, status.bits, status.difficulty]);
  return (
    <div class="grid" id="charts" data-blocks={blocks.length}>
      <Card title="Block time (s)">
        <ChartView type="line" data={data.time} label="seconds between blocks" />
      </Card>
      <Card title="Difficulty">
        <ChartView type="line" data={data.difficulty} label="difficulty per block" step />
      </Card>
      <Card title="Transactions per block">
        <ChartView type="bar" data={data.txs} label="transactions per block" />
      </Card>
    </div>
  );
}
