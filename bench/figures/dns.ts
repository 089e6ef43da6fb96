/**
 * DNS figure: NAPTR queries per second from a telchain node serving 100,000 registered
 * numbers, measured with dnsperf, beside NSD serving the same records from a zone file
 * generated here, in the same run. Also p99 latency (from our own UDP client at a fixed
 * offered load) and queries lost. NSD runs with rrl-ratelimit: 0 (its response rate
 * limiting would otherwise cap one source at about 200 answers/s).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import dnsPacket from "dns-packet";
import { encodeAddress } from "../../src/crypto/address.js";
import { publicKeyFromSeed } from "../../src/crypto/ed25519.js";
import { testGenesis } from "../../src/testing/chain-harness.js";
import { freePort, NodeProcess, writeGenesis } from "../../src/testing/node-process.js";
import { progress } from "../progress.js";
import type { Figure } from "../report.js";

export interface DnsBenchSize {
  numbers: number;
  /** Measured dnsperf run per server. */
  seconds: number;
  /**
   * A first dnsperf pass per server that is not counted: the node builds its per-head answer
   * cache and NSD its in-memory state; the figure is the steady state (the node is not mining,
   * so the head does not move during the run).
   */
  warmup: number;
}

interface PerfResult {
  qps: number;
  lost: number;
  sent: number;
}

const APEX = "e164.arpa";

/** +1 212 2xx xxxx: valid New York numbers, distinct for i < 10^7. */
function numberOf(i: number): string {
  return `+12122${String(i).padStart(6, "0")}`;
}

function reverseName(e164: string): string {
  return `${e164.slice(1).split("").reverse().join(".")}.${APEX}`;
}

function record(i: number) {
  return {
    order: 100,
    preference: 10,
    flags: "U",
    service: "E2U+sip",
    regexp: `!^.*$!sip:user${i}@example.com!`,
    replacement: ".",
  };
}

function which(cmd: string): string | undefined {
  for (const dir of ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin"]) {
    if (existsSync(join(dir, cmd))) return join(dir, cmd);
  }
  return undefined;
}

/** A genesis holding `n` served numbers (pre-registered through the enum module's genesis section). */
function enumGenesis(n: number) {
  const verifierSeed = new Uint8Array(32).fill(42);
  const verifier = encodeAddress(publicKeyFromSeed(verifierSeed));
  const owner = encodeAddress(publicKeyFromSeed(new Uint8Array(32).fill(43)));
  const g = testGenesis();
  g.modules = {
    enum: {
      verifiers: [{ address: verifier, name: "bench verifier" }],
      numbers: Array.from({ length: n }, (_, i) => ({
        number: numberOf(i),
        owner,
        verifier,
        attestedUntil: 4_000_000_000,
        records: [record(i)],
      })),
    },
  };
  return g;
}

function nsdZone(n: number): string {
  const lines = [
    `$ORIGIN ${APEX}.`,
    "$TTL 60",
    `@ IN SOA ns1.${APEX}. hostmaster.${APEX}. 1 3600 600 86400 60`,
    `@ IN NS ns1.${APEX}.`,
  ];
  for (let i = 0; i < n; i++) {
    const r = record(i);
    lines.push(
      `${reverseName(numberOf(i))}. IN NAPTR ${r.order} ${r.preference} "${r.flags}" "${r.service}" "${r.regexp}" ${r.replacement}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function startNsd(dir: string, n: number, port: number): Promise<ChildProcess> {
  const nsd = which("nsd");
  if (!nsd) throw new Error("nsd is not installed (apt-get install nsd)");
  writeFileSync(join(dir, "e164.arpa.zone"), nsdZone(n));
  writeFileSync(
    join(dir, "nsd.conf"),
    [
      "server:",
      `  ip-address: 127.0.0.1@${port}`,
      "  server-count: 1",
      '  username: ""',
      `  zonesdir: "${dir}"`,
      `  pidfile: "${join(dir, "nsd.pid")}"`,
      '  database: ""',
      `  xfrdfile: "${join(dir, "xfrd.state")}"`,
      `  zonelistfile: "${join(dir, "zone.list")}"`,
      "  verbosity: 0",
      "  rrl-ratelimit: 0",
      "remote-control:",
      "  control-enable: no",
      "zone:",
      `  name: ${APEX}`,
      '  zonefile: "e164.arpa.zone"',
      "",
    ].join("\n"),
  );
  const proc = spawn(nsd, ["-d", "-c", join(dir, "nsd.conf")], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout?.on("data", (d) => {
    out += d;
  });
  proc.stderr?.on("data", (d) => {
    out += d;
  });
  if (!(await answers(port, reverseName(numberOf(0)), 30_000))) {
    proc.kill("SIGKILL");
    throw new Error(`nsd did not start: ${out.slice(0, 2000)}`);
  }
  return proc;
}

/** Sends one NAPTR query; resolves with the answer count, or undefined on timeout. */
function query(port: number, name: string, timeoutMs = 1000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const sock = createSocket("udp4");
    const timer = setTimeout(() => {
      sock.close();
      resolve(undefined);
    }, timeoutMs);
    sock.on("message", (msg) => {
      clearTimeout(timer);
      sock.close();
      try {
        resolve(dnsPacket.decode(msg).answers?.length ?? 0);
      } catch {
        resolve(undefined);
      }
    });
    sock.send(
      dnsPacket.encode({ type: "query", id: 1, questions: [{ type: "NAPTR", name }] }),
      port,
      "127.0.0.1",
    );
  });
}

async function answers(port: number, name: string, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (((await query(port, name, 500)) ?? 0) > 0) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function dnsperf(port: number, queryFile: string, seconds: number): PerfResult {
  const bin = which("dnsperf");
  if (!bin) throw new Error("dnsperf is not installed (apt-get install dnsperf)");
  const out = execFileSync(
    bin,
    [
      "-s",
      "127.0.0.1",
      "-p",
      String(port),
      "-d",
      queryFile,
      "-l",
      String(seconds),
      "-c",
      "4",
      "-q",
      "200",
      "-t",
      "2",
    ],
    { encoding: "utf8" },
  );
  const num = (re: RegExp) => Number((re.exec(out)?.[1] ?? "0").replace(/,/g, ""));
  return {
    qps: num(/Queries per second:\s+([\d.]+)/),
    lost: num(/Queries lost:\s+(\d+)/),
    sent: num(/Queries sent:\s+(\d+)/),
  };
}

/** p99 latency (ms) of `count` queries sent by a client keeping `inflight` outstanding. */
async function p99Latency(port: number, names: string[], count: number, inflight: number): Promise<number> {
  const sock = createSocket("udp4");
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let next = 0;
  let id = 0;
  await new Promise<void>((resolve) => {
    const send = () => {
      if (next >= count) return;
      id = (id + 1) & 0xffff;
      sentAt.set(id, performance.now());
      const name = names[next++ % names.length];
      sock.send(
        dnsPacket.encode({ type: "query", id, questions: [{ type: "NAPTR", name }] }),
        port,
        "127.0.0.1",
      );
    };
    sock.on("message", (msg) => {
      const rid = msg.readUInt16BE(0);
      const t = sentAt.get(rid);
      if (t !== undefined) {
        latencies.push(performance.now() - t);
        sentAt.delete(rid);
      }
      if (latencies.length >= count) resolve();
      else send();
    });
    for (let i = 0; i < inflight; i++) send();
    setTimeout(resolve, 30_000);
  });
  sock.close();
  latencies.sort((a, b) => a - b);
  return latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? Number.NaN;
}

export async function dnsFigures(size: DnsBenchSize): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "telchain-dnsbench-"));
  let node: NodeProcess | undefined;
  let nsd: ChildProcess | undefined;
  try {
    progress(`dns: writing a genesis with ${size.numbers.toLocaleString("en-US")} registered numbers`);
    const genesisFile = writeGenesis(dir, enumGenesis(size.numbers));
    const names = Array.from({ length: size.numbers }, (_, i) => reverseName(numberOf(i)));
    for (let i = names.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [names[i], names[j]] = [names[j], names[i]];
    }
    const queryFile = join(dir, "queries.txt");
    writeFileSync(queryFile, `${names.map((n) => `${n} NAPTR`).join("\n")}\n`);

    const dnsPort = await freePort();
    progress("dns: starting a telchain node (loads the genesis state)");
    node = await NodeProcess.start(
      [
        "--genesis",
        genesisFile,
        "--datadir",
        join(dir, "node"),
        "--no-mine",
        "--dns",
        `127.0.0.1:${dnsPort}`,
      ],
      {},
    );
    if (!(await node.ready(300_000))) throw new Error(`node did not start: ${node.output.slice(-2000)}`);
    if (!(await answers(dnsPort, names[0], 30_000))) throw new Error("the node's DNS server does not answer");
    progress(`dns: dnsperf against telchain: ${size.warmup}s warm-up, then ${size.seconds}s measured`);
    const oursCold = dnsperf(dnsPort, queryFile, size.warmup);
    const ours = dnsperf(dnsPort, queryFile, size.seconds);
    const oursP99 = await p99Latency(dnsPort, names, 20_000, 16);
    await node.kill("SIGTERM");
    node = undefined;

    const nsdDir = join(dir, "nsd");
    mkdirSync(nsdDir);
    const nsdPort = await freePort();
    progress("dns: starting NSD with the same records (rrl-ratelimit: 0)");
    nsd = await startNsd(nsdDir, size.numbers, nsdPort);
    progress(`dns: dnsperf against NSD: ${size.warmup}s warm-up, then ${size.seconds}s measured`);
    dnsperf(nsdPort, queryFile, size.warmup);
    const theirs = dnsperf(nsdPort, queryFile, size.seconds);
    const theirsP99 = await p99Latency(nsdPort, names, 20_000, 16);

    const shape = `${size.numbers.toLocaleString("en-US")} numbers, NAPTR, dnsperf -c 4`;
    return [
      {
        name: "dns",
        value: ours.qps,
        unit: "qps",
        reference: theirs.qps,
        referenceUnit: "qps",
        referenceName: "NSD, same records, same run",
        ratio: ours.qps / theirs.qps,
        notes: `${shape}; steady state after a warm-up pass (telchain's first pass: ${Math.round(oursCold.qps)} qps); lost ${ours.lost}/${ours.sent} (NSD ${theirs.lost}/${theirs.sent})`,
      },
      {
        name: "dns-p99",
        value: oursP99,
        unit: "ms",
        reference: theirsP99,
        referenceUnit: "ms",
        referenceName: "NSD p99, 16 queries in flight",
        ratio: oursP99 / theirsP99,
        notes: "lower is better",
      },
      {
        name: "dns-lost",
        value: ours.lost,
        unit: "queries",
        reference: theirs.lost,
        referenceUnit: "queries",
        referenceName: "NSD queries lost",
        ratio: theirs.lost === 0 ? (ours.lost === 0 ? 1 : Number.POSITIVE_INFINITY) : ours.lost / theirs.lost,
        notes: `of ${ours.sent} sent (NSD: ${theirs.sent})`,
      },
    ];
  } finally {
    await node?.kill("SIGKILL");
    nsd?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}
