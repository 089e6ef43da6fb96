/**
 * Figure `registry`: registry scale. A node whose state holds 1,000,000 registered devices and
 * 1,000,000 active numbers (written by the bench-only bulk genesis path, registry-bulk.ts)
 * serves the real HTTP API from its own process (registry-server.ts); one keep-alive client
 * sends sequential GET /v1/devices/{imei} and GET /v1/numbers/{e164} requests for random
 * registered and (1 in 10) unknown keys. Figures: p50 and p99 latency of each route against
 * the 1 ms p99 target, the serving process' RSS and the datadir's size on disk.
 *
 * The datadir is built once per size and kept under os.tmpdir() (telchain-bench-registry-*):
 * later runs only reopen it, which takes about a second.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { Agent, get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { LmdbStore } from "../../src/storage/lmdb.js";
import { progress, secondsSince } from "../progress.js";
import type { Figure } from "../report.js";
import { imeiOf, numberOf, type RegistrySize } from "./registry-state.js";

export interface RegistryBenchSize extends RegistrySize {
  /** Measured requests per route (after `warmup` unmeasured ones). */
  samples: number;
  warmup: number;
}

/** Bump when the registry state layout changes, so a stale cached datadir is not reused. */
const LAYOUT_VERSION = 2; // 2: the datadir is the compacted copy of the bulk load
const SERVER = fileURLToPath(new URL("./registry-server.js", import.meta.url));
const TARGET_MS = 1;
/** One request in UNKNOWN_EVERY asks for a key that is not registered. */
const UNKNOWN_EVERY = 10;

interface ServerLine {
  port?: number;
  openSeconds: number;
  built: boolean;
}

/** Starts registry-server.js and resolves with its first stdout line (parsed). */
function startServer(args: string[]): { proc: ChildProcess; line: Promise<ServerLine> } {
  const proc = spawn(process.execPath, [SERVER, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  proc.stderr?.on("data", (d) => {
    err += d;
  });
  // The bulk load's progress lines go on to our stderr.
  createInterface({ input: proc.stderr as NodeJS.ReadableStream }).on("line", (l) => {
    if (l.startsWith("[bench] ")) process.stderr.write(`${l}\n`);
  });
  const line = new Promise<ServerLine>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
    rl.once("line", (l) => resolve(JSON.parse(l) as ServerLine));
    proc.once("exit", (code) => reject(new Error(`registry server exited (${code}): ${err.slice(-2000)}`)));
  });
  return { proc, line };
}

/** How a cached datadir was made (its build.json). */
interface Build {
  /** Wall time of the bulk load (state written, genesis opened). */
  loadSeconds: number;
  /** Wall time of the compacted copy. */
  compactSeconds: number;
  /** du of the datadir as the bulk load left it, before the compacted copy (the figure up to issue 15). */
  loadedBytes: number;
}

/**
 * The cached datadir of this size, built first when missing: the bulk load writes the state
 * (its progress and rate in records/s on stderr), then LmdbStore.copyCompacted rewrites the
 * store in key order (full pages, no free pages) and the copy becomes the datadir.
 */
async function datadir(size: RegistrySize): Promise<{ dir: string; build: Build; cached: boolean }> {
  const dir = join(tmpdir(), `telchain-bench-registry-v${LAYOUT_VERSION}-${size.devices}-${size.numbers}`);
  const stamp = join(dir, "build.json");
  if (existsSync(stamp))
    return { dir, build: JSON.parse(readFileSync(stamp, "utf8")) as Build, cached: true };
  // Built beside, then renamed: an interrupted build never looks like a finished one.
  const building = `${dir}.building-${process.pid}`;
  rmSync(dir, { recursive: true, force: true });
  rmSync(building, { recursive: true, force: true });
  progress(
    `registry: writing ${size.devices.toLocaleString("en-US")} devices and ${size.numbers.toLocaleString("en-US")} numbers ` +
      `into ${dir} (once; later runs reuse it)`,
  );
  const start = performance.now();
  const { line } = startServer([building, String(size.devices), String(size.numbers), "--build-only"]);
  await line;
  const loadSeconds = secondsSince(start);
  const loadedBytes = diskBytes(building);
  const records = size.devices + size.numbers;
  progress(
    `registry: state written in ${loadSeconds.toFixed(1)} s (${Math.round(records / loadSeconds).toLocaleString("en-US")} records/s), ` +
      `${Math.round(loadedBytes / records)} bytes/record on disk; writing the compacted copy`,
  );
  const compactStart = performance.now();
  const loaded = new LmdbStore(join(building, "chain"));
  let next = 1_000_000;
  await loaded.copyCompacted(join(building, "compacted"), {
    onProgress: (n) => {
      if (n < next) return;
      next = n + 1_000_000;
      progress(`registry: compacting, ${n.toLocaleString("en-US")} entries copied`);
    },
  });
  await loaded.close();
  rmSync(join(building, "chain"), { recursive: true });
  renameSync(join(building, "compacted"), join(building, "chain"));
  const build: Build = { loadSeconds, compactSeconds: secondsSince(compactStart), loadedBytes };
  writeFileSync(join(building, "build.json"), JSON.stringify(build));
  renameSync(building, dir);
  progress(
    `registry: compacted in ${build.compactSeconds.toFixed(1)} s, ${Math.round(diskBytes(dir) / records)} bytes/record on disk`,
  );
  return { dir, build, cached: false };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

type Path = { path: string; status: number };

/**
 * Sequential GETs of `paths` (one at a time, keep-alive) with Node's http client on one
 * keep-alive socket; returns the sorted latencies (ms). Each response's status must be the
 * expected one, so a broken route cannot look fast.
 */
async function sample(base: string, paths: Path[]): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const out: number[] = [];
  try {
    for (const { path, status } of paths) {
      const t = performance.now();
      const { code, body } = await new Promise<{ code: number; body: string }>((resolve, reject) => {
        get(`${base}${path}`, { agent }, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => {
            body += d;
          });
          res.on("end", () => resolve({ code: res.statusCode ?? 0, body }));
          res.on("error", reject);
        }).on("error", reject);
      });
      out.push(performance.now() - t);
      if (code !== status) throw new Error(`GET ${path}: status ${code}, expected ${status}: ${body}`);
    }
  } finally {
    agent.destroy();
  }
  return out.sort((a, b) => a - b);
}

/**
 * The same with the global fetch (undici): the client of the figures up to issue 15, kept for
 * one release beside the new one. Its own per-request cost (the Fetch API's objects and
 * streams, and their garbage) is most of what it measures at p99 (docs/operating.md).
 */
async function sampleWithFetch(base: string, paths: Path[]): Promise<number[]> {
  const out: number[] = [];
  for (const { path, status } of paths) {
    const t = performance.now();
    const res = await fetch(`${base}${path}`);
    const body = await res.text();
    out.push(performance.now() - t);
    if (res.status !== status)
      throw new Error(`GET ${path}: status ${res.status}, expected ${status}: ${body}`);
  }
  return out.sort((a, b) => a - b);
}

function requests(
  n: number,
  count: number,
  known: (i: number) => string,
  unknown: (i: number) => string,
  knownStatus: number,
  unknownStatus: number,
): Path[] {
  return Array.from({ length: count }, (_, j) => {
    const i = Math.floor(Math.random() * n);
    return j % UNKNOWN_EVERY === UNKNOWN_EVERY - 1
      ? { path: unknown(i), status: unknownStatus }
      : { path: known(i), status: knownStatus };
  });
}

/** Resident memory of a process: total, anonymous (heap) and file-backed (LMDB's mapped pages). */
function rss(pid: number): { total: number; anon: number; file: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(m[1]) * 1024;
  };
  return { total: kb("VmRSS"), anon: kb("RssAnon"), file: kb("RssFile") };
}

function diskBytes(dir: string): number {
  return Number(execFileSync("du", ["-sk", dir], { encoding: "utf8" }).split(/\s/)[0]) * 1024;
}

function latencyFigure(name: string, ms: number, shape: string): Figure {
  return {
    name,
    value: ms,
    unit: "ms",
    reference: TARGET_MS,
    referenceUnit: "ms",
    referenceName: "target: 1 ms at p99",
    ratio: ms / TARGET_MS,
    notes: `${shape}; lower is better`,
  };
}

interface Measured {
  /** Sorted latencies (ms) of the devices and numbers routes, node:http client. */
  dev: number[];
  num: number[];
  /** The same with fetch (registryFigures only). */
  devFetch?: number[];
  numFetch?: number[];
  rssAtOpen: { total: number; anon: number; file: number };
  mem: { total: number; anon: number; file: number };
  disk: number;
  openSeconds: number;
  build: Build;
  cached: boolean;
}

/** Starts the server on the (cached) datadir of `size` and samples both routes. */
async function measure(size: RegistryBenchSize, withFetch: boolean): Promise<Measured> {
  const { dir, build, cached } = await datadir(size);
  const { proc, line } = startServer([dir, String(size.devices), String(size.numbers)]);
  try {
    const { port, openSeconds } = await line;
    const base = `http://127.0.0.1:${port}`;
    progress(`registry: server up (chain opened in ${openSeconds.toFixed(2)} s); sampling`);
    const devices = (count: number) =>
      requests(
        size.devices,
        count,
        (i) => `/v1/devices/${imeiOf(i)}`,
        (i) => `/v1/devices/${imeiOf(i, false)}`,
        200, // an unknown device is "unregistered", not an error
        200,
      );
    const numbers = (count: number) =>
      requests(
        size.numbers,
        count,
        (i) => `/v1/numbers/${encodeURIComponent(numberOf(i))}`,
        (i) => `/v1/numbers/${encodeURIComponent(numberOf(i, false))}`,
        200,
        404,
      );
    const rssAtOpen = rss(proc.pid as number);
    await sample(base, [...devices(size.warmup), ...numbers(size.warmup)]);
    const dev = await sample(base, devices(size.samples));
    const num = await sample(base, numbers(size.samples));
    let devFetch: number[] | undefined;
    let numFetch: number[] | undefined;
    if (withFetch) {
      await sampleWithFetch(base, [...devices(size.warmup), ...numbers(size.warmup)]);
      devFetch = await sampleWithFetch(base, devices(size.samples));
      numFetch = await sampleWithFetch(base, numbers(size.samples));
    }
    const mem = rss(proc.pid as number);
    return { dev, num, devFetch, numFetch, rssAtOpen, mem, disk: diskBytes(dir), openSeconds, build, cached };
  } finally {
    proc.kill("SIGTERM");
  }
}

const count = (n: number) => n.toLocaleString("en-US");
const mib = (b: number) => b / 1024 ** 2;

function loadNote(m: Measured): string {
  return (
    `state written in ${m.build.loadSeconds.toFixed(1)} s by the bulk genesis path and compacted in ` +
    `${m.build.compactSeconds.toFixed(1)} s${m.cached ? " (an earlier run; datadir reused)" : ""}, ` +
    `chain opened in ${m.openSeconds.toFixed(2)} s`
  );
}

function reported(name: string, value: number, unit: string, notes: string): Figure {
  return {
    name,
    value,
    unit,
    reference: value,
    referenceUnit: unit,
    referenceName: "no reference; reported",
    ratio: 1,
    notes,
  };
}

export async function registryFigures(size: RegistryBenchSize): Promise<Figure[]> {
  const m = await measure(size, true);
  const records = size.devices + size.numbers;
  const shape = (route: string) =>
    `${route}, ${count(size.samples)} sequential keep-alive requests (node:http client, 1 in ${UNKNOWN_EVERY} unknown) ` +
    `after ${count(size.warmup)} warm-up, ${count(size.devices)} devices + ${count(size.numbers)} numbers in state`;
  const fetchShape = (route: string) =>
    `${route}, the same requests with the global fetch (undici) as client: the method up to issue 15, kept for one release`;
  const load = loadNote(m);
  return [
    latencyFigure("devices-p50", percentile(m.dev, 0.5), shape("GET /v1/devices/{imei}")),
    latencyFigure("devices-p99", percentile(m.dev, 0.99), shape("GET /v1/devices/{imei}")),
    latencyFigure("numbers-p50", percentile(m.num, 0.5), shape("GET /v1/numbers/{e164}")),
    latencyFigure("numbers-p99", percentile(m.num, 0.99), shape("GET /v1/numbers/{e164}")),
    latencyFigure(
      "devices-p99-fetch",
      percentile(m.devFetch ?? [], 0.99),
      fetchShape("GET /v1/devices/{imei}"),
    ),
    latencyFigure(
      "numbers-p99-fetch",
      percentile(m.numFetch ?? [], 0.99),
      fetchShape("GET /v1/numbers/{e164}"),
    ),
    reported(
      "registry-rss",
      mib(m.mem.total),
      "MiB",
      `serving process after sampling, ${Math.round(m.mem.total / records)} bytes per record ` +
        `(anonymous ${mib(m.mem.anon).toFixed(0)} MiB, LMDB/file pages ${mib(m.mem.file).toFixed(0)} MiB; ` +
        `${mib(m.rssAtOpen.total).toFixed(0)} MiB right after opening); ${load}`,
    ),
    reported(
      "registry-disk",
      mib(m.disk),
      "MiB",
      `du of the datadir (LMDB: state, commitment leaves, bucket hashes) after the compacted copy, ` +
        `${Math.round(m.disk / records)} bytes per record; ${load}`,
    ),
    reported(
      "registry-disk-loaded",
      mib(m.build.loadedBytes),
      "MiB",
      `du of the datadir as the bulk load left it (random-order inserts, free pages; the figure up to issue 15, ` +
        `measured when the datadir was built), ${Math.round(m.build.loadedBytes / records)} bytes per record`,
    ),
  ];
}

/** "1M", "250k", "10M": a size's short label for figure names. */
export function sizeLabel(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

/**
 * Figure `registry-scale`: at each size N (N devices + N numbers; cached datadirs, built once),
 * p50 and p99 of all lookups (both routes), bytes on disk per record and the serving process' RSS.
 */
export async function registryScaleFigures(
  sizes: readonly number[],
  samples: number,
  warmup: number,
): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const n of sizes) {
    const m = await measure({ devices: n, numbers: n, samples, warmup }, false);
    const all = [...m.dev, ...m.num].sort((a, b) => a - b);
    const label = `scale-${sizeLabel(n)}`;
    const records = 2 * n;
    const shape =
      `${count(n)} devices + ${count(n)} numbers: ${count(2 * samples)} sequential GETs (both routes, node:http client, ` +
      `1 in ${UNKNOWN_EVERY} unknown) after ${count(2 * warmup)} warm-up`;
    out.push(
      latencyFigure(`${label}-p50`, percentile(all, 0.5), shape),
      latencyFigure(`${label}-p99`, percentile(all, 0.99), shape),
      reported(
        `${label}-disk`,
        m.disk / records,
        "B/record",
        `du of the compacted datadir, ${mib(m.disk).toFixed(0)} MiB; as loaded (before compacting) ` +
          `${Math.round(m.build.loadedBytes / records)} B/record; ${loadNote(m)} ` +
          `(${Math.round(records / m.build.loadSeconds).toLocaleString("en-US")} records/s)`,
      ),
      reported(
        `${label}-rss`,
        mib(m.mem.total),
        "MiB",
        `serving process after sampling, ${Math.round(m.mem.total / records)} bytes per record ` +
          `(anonymous ${mib(m.mem.anon).toFixed(0)} MiB, LMDB/file pages ${mib(m.mem.file).toFixed(0)} MiB)`,
      ),
    );
  }
  return out;
}
