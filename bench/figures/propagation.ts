/**
 * Figures `propagation` and `propagation-p95`: in a devnet of 10 `telchain node --dev`
 * processes on loopback (one mining, paced to the dev chain's 2 s block time, the others
 * --no-mine; each node dials every node started before it, as `telchain devnet` does), the
 * time from a block being mined to it being the head of 95% of the nodes, p50 and p95 over the
 * measured blocks, beside the same for a 2-node network in the same run (the reference; it runs
 * first, then the 10-node network, never both at once).
 *
 * How it is timed: every node runs with `--log-level debug --log-format json` and logs "new
 * head" (height, hash) at each head change, stamped with its Date.now() (1 ms resolution; all
 * processes read the same wall clock). Mined at: the miner's own "new head" line for the block
 * (its head event, emitted just before the block is handed to gossip). Head at: each other
 * node's line. Nothing is polled, so the bench adds no load while blocks spread. 95% of n nodes
 * is ceil(0.95 n) of them, the miner included (at 0 ms): with 10 or 2 nodes, every node.
 */
import { readFileSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { NodeProcess } from "../../src/testing/node-process.js";
import { progress } from "../progress.js";
import type { Figure } from "../report.js";

export interface PropagationSize {
  /** Nodes of the measured network (one of them mines). */
  nodes: number;
  /** Nodes of the reference network, measured first in the same run. */
  referenceNodes: number;
  /** Blocks measured per network. */
  blocks: number;
}

/** Share of the nodes a block must reach. */
export const REACH_SHARE = 0.95;
/** Blocks mined after the network is connected and level that are not counted (gossipsub meshes settle). */
const WARMUP_BLOCKS = 2;
/** Longest a block may take to reach every node before the figure fails. */
const BLOCK_TIMEOUT_MS = 30_000;
/** Longest the network may take to start, connect and level its heads. */
const START_TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile of `values` (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of no values");
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * When a block was the head of `share` of `nodes` nodes: the miner has it at 0, the others
 * after their `delays` (ms since mined, one per other node).
 */
export function reachTime(delays: readonly number[], nodes: number, share = REACH_SHARE): number {
  if (delays.length !== nodes - 1) throw new Error(`${delays.length} delays for ${nodes} nodes`);
  const need = Math.ceil(share * nodes);
  return [0, ...delays].sort((a, b) => a - b)[need - 1];
}

interface Status {
  height: number;
  peers: number;
  listen: string[];
}

async function status(url: string): Promise<Status> {
  const r = await fetch(`${url}/v1/status`);
  if (!r.ok) throw new Error(`${url}/v1/status: HTTP ${r.status}`);
  return (await r.json()) as Status;
}

/** A node's block imports that made a new head so far: count and seconds (its /metrics). */
async function importTotals(url: string): Promise<{ count: number; seconds: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) =>
    Number(
      new RegExp(`^telchain_block_import_seconds_${name}\\{result="head"\\} (\\S+)$`, "m").exec(text)?.[1] ??
        0,
    );
  return { count: read("count"), seconds: read("sum") };
}

/** CPU seconds (user + system) a process has used so far, from /proc (0 where there is none). */
function cpuSeconds(pid: number | undefined): number {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100; // clock ticks (USER_HZ, 100 on Linux)
  } catch {
    return 0;
  }
}

/**
 * Reads one node's JSON log lines as they come and records when the node's head first reached
 * each height: the `time` of its debug line "new head" (ms, the node's Date.now() at its head
 * event). With one miner there is no fork, so a head at height h' >= h holds the block at h.
 */
class HeadLog {
  private readonly at = new Map<number, number>();
  private readonly waiters = new Map<number, ((at: number) => void)[]>();
  private top = 0;

  constructor(
    readonly name: string,
    node: NodeProcess,
  ) {
    let rest = "";
    node.proc.stdout?.on("data", (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.includes('"new head"')) continue;
        try {
          const rec = JSON.parse(line) as { time: number; height: number; msg: string };
          if (rec.msg === "new head") this.record(rec.height, rec.time);
        } catch {
          // not a JSON log line
        }
      }
    });
  }

  height(): number {
    return this.top;
  }

  /** Resolves with the time (ms, wall clock) the node's head first reached `height`. */
  reached(height: number): Promise<number> {
    const at = this.at.get(height);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve) => {
      this.waiters.set(height, [...(this.waiters.get(height) ?? []), resolve]);
    });
  }

  private record(height: number, time: number): void {
    for (let h = this.top + 1; h <= height; h++) {
      this.at.set(h, time);
      for (const resolve of this.waiters.get(h) ?? []) resolve(time);
      this.waiters.delete(h);
    }
    this.top = Math.max(this.top, height);
  }
}

/** `promise`, or a rejection with `message()` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message())), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Node processes still running and their folders: killed and removed when the bench exits,
 * also on Ctrl-C or a kill.
 */
const live = new Set<NodeProcess>();
const dirs = new Set<string>();
let exitHookInstalled = false;
function track(node: NodeProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    const killAll = () => {
      for (const n of live) n.proc.kill("SIGKILL");
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    };
    process.once("exit", killAll);
    for (const [signal, code] of [
      ["SIGINT", 130],
      ["SIGTERM", 143],
    ] as const)
      process.once(signal, () => {
        killAll();
        process.exit(code);
      });
  }
  live.add(node);
  void node.exited.then(() => live.delete(node));
}

/** A devnet of `n` node processes in a temp folder: node0 mines, the others --no-mine. */
class Devnet {
  readonly nodes: NodeProcess[] = [];
  readonly heads: HeadLog[] = [];
  private constructor(
    readonly label: string,
    readonly dir: string,
  ) {}

  static async start(n: number, label: string): Promise<Devnet> {
    const net = new Devnet(label, await mkdtemp(join(tmpdir(), "telchain-bench-prop-")));
    dirs.add(net.dir);
    try {
      const listen: string[] = [];
      for (let i = 0; i < n; i++) {
        const node = await NodeProcess.start([
          "--dev",
          "--datadir",
          join(net.dir, `node${i}`),
          i === 0 ? "--mine" : "--no-mine",
          "--log-format",
          "json",
          "--log-level",
          "debug",
          ...listen.flatMap((a) => ["--peer", a]),
        ]);
        track(node);
        net.nodes.push(node);
        net.heads.push(new HeadLog(`node${i}`, node));
        if (!(await node.ready()))
          throw new Error(`${label}: node${i} did not start:\n${node.output.slice(-2000)}`);
        listen.push(...(await status(node.url)).listen);
        progress(`propagation: ${label}: node${i} up${i === 0 ? " (mining)" : ""}`);
      }
      return net;
    } catch (e) {
      await net.stop();
      throw e;
    }
  }

  /** Waits until every node has all the others as peers and has the miner's head. */
  async level(): Promise<number> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    const n = this.nodes.length;
    for (;;) {
      const all = await Promise.all(this.nodes.map((x) => status(x.url)));
      const top = all[0].height;
      if (all.every((s) => s.peers >= n - 1 && s.height === top) && top > 0) return top;
      if (Date.now() > deadline)
        throw new Error(
          `${this.label}: not connected and level after ${START_TIMEOUT_MS} ms: ` +
            all.map((s, i) => `node${i} height ${s.height} peers ${s.peers}`).join(", "),
        );
      await sleep(200);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((x) => x.kill("SIGTERM", 5_000)));
    rmSync(this.dir, { recursive: true, force: true });
    dirs.delete(this.dir);
  }
}

export interface PropagationRun {
  nodes: number;
  /** Per block, ms from mined to the head of 95% of the nodes. */
  reach: number[];
  /** Per block, each other node's delay in ms, sorted (first to last node reached). */
  delays: number[][];
  /** Mean ms the other nodes spent importing one of the timed blocks (their block_import_seconds). */
  importMs: number;
  /** CPU ms all the nodes used together per timed block (from /proc; 0 where there is none). */
  cpuMsPerBlock: number;
  /** The machine's 1-minute load average at the end of the timed blocks. */
  load: number;
}

/** Starts `nodes` nodes, lets WARMUP_BLOCKS pass, times `blocks` blocks, stops every node. */
export async function measurePropagation(nodes: number, blocks: number): Promise<PropagationRun> {
  const label = `${nodes} nodes`;
  progress(`propagation: ${label}: starting (node0 mines one block per 2 s, the others --no-mine)`);
  const net = await Devnet.start(nodes, label);
  try {
    const start = await net.level();
    progress(`propagation: ${label}: connected, every node at height ${start}; timing ${blocks} blocks`);
    const [miner, ...followers] = net.heads;
    const first = start + WARMUP_BLOCKS + 1;
    const run: PropagationRun = { nodes, reach: [], delays: [], importMs: 0, cpuMsPerBlock: 0, load: 0 };
    const pids = net.nodes.map((x) => x.proc.pid);
    const followerUrls = net.nodes.slice(1).map((x) => x.url);
    // Import totals once every node has the block before the first timed one (2 s before the next).
    await within(
      Promise.all(net.heads.map((h) => h.reached(first - 1))),
      60_000,
      () => `${label}: warm-up blocks did not arrive`,
    );
    const before = await Promise.all(followerUrls.map(importTotals));
    const cpuBefore = pids.reduce<number>((a, pid) => a + cpuSeconds(pid), 0);
    for (let height = first; height < first + blocks; height++) {
      const mined = await within(
        miner.reached(height),
        60_000,
        () => `${label}: the miner did not reach height ${height} (at ${miner.height()})`,
      );
      const times = await within(
        Promise.all(followers.map((f) => f.reached(height))),
        BLOCK_TIMEOUT_MS,
        () =>
          `${label}: block ${height} not at ${followers
            .filter((f) => f.height() < height)
            .map((f) => f.name)
            .join(", ")} ${BLOCK_TIMEOUT_MS} ms after it was mined`,
      );
      const delays = times.map((t) => t - mined).sort((a, b) => a - b);
      run.reach.push(reachTime(delays, nodes));
      run.delays.push(delays);
      progress(
        `propagation: ${label}: block ${height - first + 1}/${blocks} (height ${height}) at ` +
          `${Math.ceil(REACH_SHARE * nodes)}/${nodes} nodes after ${reachTime(delays, nodes)} ms`,
      );
    }
    const cpuAfter = pids.reduce<number>((a, pid) => a + cpuSeconds(pid), 0);
    run.load = loadavg()[0];
    const after = await Promise.all(followerUrls.map(importTotals));
    const count = after.reduce((a, t, i) => a + t.count - before[i].count, 0);
    const seconds = after.reduce((a, t, i) => a + t.seconds - before[i].seconds, 0);
    run.importMs = (seconds * 1000) / Math.max(1, count);
    run.cpuMsPerBlock = ((cpuAfter - cpuBefore) * 1000) / blocks;
    return run;
  } finally {
    await net.stop();
    progress(`propagation: ${label}: stopped every node`);
  }
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

/** Per-network lines: p50 of the first, median and last other node's delay (how the block spreads). */
function spread(run: PropagationRun): string {
  const at = (pick: (d: number[]) => number) => ms(percentile(run.delays.map(pick), 50));
  return (
    `propagation, ${run.nodes} nodes, ${run.reach.length} blocks: p50 ${ms(percentile(run.reach, 50))}, ` +
    `p95 ${ms(percentile(run.reach, 95))}, max ${ms(Math.max(...run.reach))}; p50 of the first other node ` +
    `${at((d) => d[0])}, of the median one ${at((d) => d[Math.floor((d.length - 1) / 2)])}, ` +
    `of the last ${at((d) => d[d.length - 1])}; import of a block at the other nodes: mean ${ms(run.importMs)}; ` +
    `CPU of all ${run.nodes} nodes per block ${ms(run.cpuMsPerBlock)}; load average ${run.load.toFixed(1)}`
  );
}

/** `propagation` (p50, ms) and `propagation-p95` (ms) of the big network beside the small one's. */
export async function propagationFigures(
  size: PropagationSize,
): Promise<{ figures: Figure[]; extra: string[] }> {
  const ref = await measurePropagation(size.referenceNodes, size.blocks);
  const big = await measurePropagation(size.nodes, size.blocks);
  const notes =
    `mined (miner's log time) to head of ${Math.ceil(REACH_SHARE * size.nodes)}/${size.nodes} nodes ` +
    `(reference: ${Math.ceil(REACH_SHARE * size.referenceNodes)}/${size.referenceNodes}), ${size.blocks} blocks, ` +
    'node processes on loopback, times from each node\'s debug log line "new head" (1 ms)';
  const figure = (name: string, p: number): Figure => {
    const value = percentile(big.reach, p);
    const reference = percentile(ref.reach, p);
    return {
      name,
      value,
      unit: "ms",
      reference,
      referenceUnit: "ms",
      referenceName: `${size.referenceNodes}-node network, p${p}`,
      ratio: value / reference,
      notes,
    };
  };
  return {
    figures: [figure("propagation", 50), figure("propagation-p95", 95)],
    extra: [spread(ref), spread(big)],
  };
}
