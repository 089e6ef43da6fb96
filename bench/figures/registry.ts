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
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { progress, secondsSince } from "../progress.js";
import type { Figure } from "../report.js";
import { imeiOf, numberOf, type RegistrySize } from "./registry-state.js";

export interface RegistryBenchSize extends RegistrySize {
  /** Measured requests per route (after `warmup` unmeasured ones). */
  samples: number;
  warmup: number;
}

/** Bump when the registry state layout changes, so a stale cached datadir is not reused. */
const LAYOUT_VERSION = 1;
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
  const line = new Promise<ServerLine>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
    rl.once("line", (l) => resolve(JSON.parse(l) as ServerLine));
    proc.once("exit", (code) => reject(new Error(`registry server exited (${code}): ${err.slice(-2000)}`)));
  });
  return { proc, line };
}

/** The cached datadir of this size, built first when missing; with the build's wall time. */
async function datadir(size: RegistrySize): Promise<{ dir: string; buildSeconds: number; cached: boolean }> {
  const dir = join(tmpdir(), `telchain-bench-registry-v${LAYOUT_VERSION}-${size.devices}-${size.numbers}`);
  const stamp = join(dir, "build.json");
  if (existsSync(stamp)) {
    const { buildSeconds } = JSON.parse(readFileSync(stamp, "utf8")) as { buildSeconds: number };
    return { dir, buildSeconds, cached: true };
  }
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
  const buildSeconds = secondsSince(start);
  writeFileSync(join(building, "build.json"), JSON.stringify({ buildSeconds }));
  renameSync(building, dir);
  progress(`registry: state written in ${buildSeconds.toFixed(1)} s`);
  return { dir, buildSeconds, cached: false };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/**
 * Sequential GETs of `paths` (one at a time, keep-alive); returns the sorted latencies (ms).
 * Each response's status must be the expected one, so a broken route cannot look fast.
 */
async function sample(base: string, paths: { path: string; status: number }[]): Promise<number[]> {
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
): { path: string; status: number }[] {
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

export async function registryFigures(size: RegistryBenchSize): Promise<Figure[]> {
  const { dir, buildSeconds, cached } = await datadir(size);
  const { proc, line } = startServer([dir, String(size.devices), String(size.numbers)]);
  try {
    const { port, openSeconds } = await line;
    const base = `http://127.0.0.1:${port}`;
    const records = size.devices + size.numbers;
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
    const mem = rss(proc.pid as number);
    const disk = diskBytes(dir);

    const count = (n: number) => n.toLocaleString("en-US");
    const shape = (route: string) =>
      `${route}, ${count(size.samples)} sequential keep-alive requests (1 in ${UNKNOWN_EVERY} unknown) ` +
      `after ${count(size.warmup)} warm-up, ${count(size.devices)} devices + ${count(size.numbers)} numbers in state`;
    const load =
      `state written in ${buildSeconds.toFixed(1)} s by the bulk genesis path` +
      `${cached ? " (an earlier run; datadir reused)" : ""}, chain opened in ${openSeconds.toFixed(2)} s`;
    const mib = (b: number) => b / 1024 ** 2;
    return [
      latencyFigure("devices-p50", percentile(dev, 0.5), shape("GET /v1/devices/{imei}")),
      latencyFigure("devices-p99", percentile(dev, 0.99), shape("GET /v1/devices/{imei}")),
      latencyFigure("numbers-p50", percentile(num, 0.5), shape("GET /v1/numbers/{e164}")),
      latencyFigure("numbers-p99", percentile(num, 0.99), shape("GET /v1/numbers/{e164}")),
      {
        name: "registry-rss",
        value: mib(mem.total),
        unit: "MiB",
        reference: mib(mem.total),
        referenceUnit: "MiB",
        referenceName: "no reference; reported",
        ratio: 1,
        notes:
          `serving process after sampling, ${Math.round(mem.total / records)} bytes per record ` +
          `(anonymous ${mib(mem.anon).toFixed(0)} MiB, LMDB/file pages ${mib(mem.file).toFixed(0)} MiB; ` +
          `${mib(rssAtOpen.total).toFixed(0)} MiB right after opening); ${load}`,
      },
      {
        name: "registry-disk",
        value: mib(disk),
        unit: "MiB",
        reference: mib(disk),
        referenceUnit: "MiB",
        referenceName: "no reference; reported",
        ratio: 1,
        notes: `du of the datadir (LMDB: state, commitment leaves, bucket hashes), ${Math.round(disk / records)} bytes per record; ${load}`,
      },
    ];
  } finally {
    proc.kill("SIGTERM");
  }
}
