/**
 * DNS figures: NAPTR queries per second from a telchain node serving 100,000 registered
 * numbers, measured with dnsperf, beside NSD serving the same records from a zone file
 * generated here, in the same run. Also p99 latency (from our own UDP client at a fixed
 * offered load) and queries lost. NSD runs with rrl-ratelimit: 0 (its response rate
 * limiting would otherwise cap one source at about 200 answers/s).
 *
 * `dns` is a quiet node (no new blocks, a warm-up pass first, registered numbers only);
 * `dns-live` is a fresh node that imports a block every 2 s during the run (each block
 * changes the records of some numbers through enum/set), queried cold (no warm-up) with
 * half registered and half random unregistered numbers, beside NSD given the same query
 * mix, also cold.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import dnsPacket from "dns-packet";
import { toHex } from "../../src/bytes.js";
import type { GenesisConfig } from "../../src/chain/genesis.js";
import { txHash } from "../../src/codec/hashing.js";
import { Block } from "../../src/codec/schema.js";
import { encodeAddress } from "../../src/crypto/address.js";
import { publicKeyFromSeed } from "../../src/crypto/ed25519.js";
import {
  payloadFromJson,
  signedTx,
  TestChain,
  type TestKey,
  testGenesis,
} from "../../src/testing/chain-harness.js";
import { freePort, NodeProcess, writeGenesis } from "../../src/testing/node-process.js";
import { progress } from "../progress.js";
import type { Figure } from "../report.js";

export interface DnsBenchSize {
  numbers: number;
  /** Measured dnsperf run per server. */
  seconds: number;
  /**
   * A first dnsperf pass per server that is not counted: the node builds its answer
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

/** The NAPTR record of number i; `version` > 0 marks a record replaced by a live block. */
function record(i: number, version = 0) {
  return {
    order: 100,
    preference: 10,
    flags: "U",
    service: "E2U+sip",
    regexp: version === 0 ? `!^.*$!sip:user${i}@example.com!` : `!^.*$!sip:user${i}-v${version}@example.com!`,
    replacement: ".",
  };
}

/** A number outside the registered range (+1212 2000000 .. +1212 2999999 holds them all). */
function unregisteredNumber(): string {
  const area = 200 + Math.floor(Math.random() * 800);
  const rest = String(Math.floor(Math.random() * 1e7)).padStart(7, "0");
  const n = `+1${area}${rest}`;
  return n.startsWith("+12122") ? `+13${n.slice(3)}` : n;
}

function which(cmd: string): string | undefined {
  for (const dir of ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin"]) {
    if (existsSync(join(dir, cmd))) return join(dir, cmd);
  }
  return undefined;
}

/** A genesis holding `n` served numbers (pre-registered through the enum module's genesis section). */
const OWNER_SEED = new Uint8Array(32).fill(43);
const OWNER: TestKey = { seed: OWNER_SEED, pub: publicKeyFromSeed(OWNER_SEED) };

function enumGenesis(n: number): GenesisConfig {
  const verifierSeed = new Uint8Array(32).fill(42);
  const verifier = encodeAddress(publicKeyFromSeed(verifierSeed));
  const owner = encodeAddress(OWNER.pub);
  const g = testGenesis();
  // The owner pays the fees of the live blocks' enum/set transactions.
  g.alloc = [...g.alloc, { address: OWNER.pub, balance: 1_000_000_000_000n }];
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

function dnsperfArgs(port: number, queryFile: string, seconds: number): string[] {
  return [
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
  ];
}

function parsePerf(out: string): PerfResult {
  const num = (re: RegExp) => Number((re.exec(out)?.[1] ?? "0").replace(/,/g, ""));
  return {
    qps: num(/Queries per second:\s+([\d.]+)/),
    lost: num(/Queries lost:\s+(\d+)/),
    sent: num(/Queries sent:\s+(\d+)/),
  };
}

function dnsperfBin(): string {
  const bin = which("dnsperf");
  if (!bin) throw new Error("dnsperf is not installed (apt-get install dnsperf)");
  return bin;
}

function dnsperf(port: number, queryFile: string, seconds: number): PerfResult {
  return parsePerf(execFileSync(dnsperfBin(), dnsperfArgs(port, queryFile, seconds), { encoding: "utf8" }));
}

/** dnsperf without blocking this process (so it can feed the node blocks meanwhile). */
function dnsperfAsync(port: number, queryFile: string, seconds: number): Promise<PerfResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(dnsperfBin(), dnsperfArgs(port, queryFile, seconds), {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
    });
    proc.stderr.on("data", (d) => {
      out += d;
    });
    proc.on("error", reject);
    proc.on("exit", (code) =>
      code === 0 ? resolve(parsePerf(out)) : reject(new Error(`dnsperf exited ${code}: ${out.slice(-500)}`)),
    );
  });
}

/** Seconds between the blocks the live node imports. */
const LIVE_BLOCK_SECONDS = 2;
/** Registered numbers whose records each live block replaces (enum/set). */
const LIVE_SETS_PER_BLOCK = 20;

interface LiveBlocks {
  hex: string[];
  numbers: number;
}

/** The number index whose records block b (1-based) replaced last. */
function lastChangedBy(b: number, numbers: number): number {
  return (b * LIVE_SETS_PER_BLOCK - 1) % numbers;
}

/**
 * Blocks 1..count on the bench genesis, each replacing the records of LIVE_SETS_PER_BLOCK
 * registered numbers (enum/set from their owner), mined in this process before the node starts.
 */
async function buildLiveBlocks(genesis: GenesisConfig, numbers: number, count: number): Promise<LiveBlocks> {
  const producer = TestChain.create(genesis);
  const hex: string[] = [];
  try {
    let nonce = 0;
    for (let b = 1; b <= count; b++) {
      const txs = [];
      for (let t = 0; t < LIVE_SETS_PER_BLOCK; t++) {
        const index = ((b - 1) * LIVE_SETS_PER_BLOCK + t) % numbers;
        const payload = payloadFromJson("enum", "set", {
          number: numberOf(index),
          records: [record(index, b)],
        });
        txs.push(signedTx(OWNER, nonce++, "enum", "set", payload));
      }
      for (const tx of txs) producer.chain.signatures.cache.add(toHex(txHash(tx)));
      const block = await producer.extend(txs);
      if (block.txs.length !== txs.length) throw new Error(`live block ${b} holds ${block.txs.length} txs`);
      hex.push(toHex(Block.serialize(block)));
    }
  } finally {
    await producer.close();
  }
  return { hex, numbers };
}

async function startDnsNode(
  dir: string,
  genesisFile: string,
  dnsPort: number,
  probe: string,
): Promise<NodeProcess> {
  const node = await NodeProcess.start(
    ["--genesis", genesisFile, "--datadir", dir, "--no-mine", "--dns", `127.0.0.1:${dnsPort}`],
    {},
  );
  if (!(await node.ready(300_000))) {
    await node.kill("SIGKILL");
    throw new Error(`node did not start: ${node.output.slice(-2000)}`);
  }
  if (!(await answers(dnsPort, probe, 30_000))) {
    await node.kill("SIGKILL");
    throw new Error("the node's DNS server does not answer");
  }
  return node;
}

/** The NAPTR regexps answered for a name (undefined on timeout). */
function naptrRegexps(port: number, name: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    const sock = createSocket("udp4");
    const timer = setTimeout(() => {
      sock.close();
      resolve(undefined);
    }, 2000);
    sock.on("message", (msg) => {
      clearTimeout(timer);
      sock.close();
      const answers = dnsPacket.decode(msg).answers ?? [];
      resolve(answers.map((a) => String((a as { data: { regexp: string } }).data.regexp)));
    });
    sock.send(
      dnsPacket.encode({ type: "query", id: 7, questions: [{ type: "NAPTR", name }] }),
      port,
      "127.0.0.1",
    );
  });
}

interface LiveRun extends PerfResult {
  imported: number;
  /** Whether the last changed number answered its last records after the run. */
  fresh: boolean;
}

/** dnsperf for `seconds` while the node is given the next block every LIVE_BLOCK_SECONDS. */
async function liveRun(
  node: NodeProcess,
  dnsPort: number,
  queryFile: string,
  seconds: number,
  blocks: LiveBlocks,
): Promise<LiveRun> {
  const perf = dnsperfAsync(dnsPort, queryFile, seconds);
  let next = 0;
  let failure: string | undefined;
  const feed = setInterval(() => {
    if (next >= blocks.hex.length) return;
    const block = blocks.hex[next++];
    node.post("/v1/blocks", { block }).then(
      (r) => {
        if (r.status >= 300) failure ??= `block refused: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
      },
      (e) => {
        failure ??= String(e);
      },
    );
  }, LIVE_BLOCK_SECONDS * 1000);
  let result: PerfResult;
  try {
    result = await perf;
  } finally {
    clearInterval(feed);
  }
  if (failure) throw new Error(`dns-live: ${failure}`);
  const height = Number((await node.get<{ height: number }>("/v1/status")).body.height);
  // The last block fed is imported by now or shortly: wait for it before the freshness check.
  const deadline = Date.now() + 10_000;
  let head = height;
  while (head < next && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    head = Number((await node.get<{ height: number }>("/v1/status")).body.height);
  }
  // Freshness: the number changed by the last imported block answers its new records.
  let fresh = true;
  if (head > 0) {
    const index = lastChangedBy(head, blocks.numbers);
    const got = await naptrRegexps(dnsPort, reverseName(numberOf(index)));
    fresh = got?.includes(record(index, head).regexp) === true;
  }
  return { ...result, imported: head, fresh };
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
  dnsperfBin();
  if (!which("nsd")) throw new Error("nsd is not installed (apt-get install nsd)");
  const dir = mkdtempSync(join(tmpdir(), "telchain-dnsbench-"));
  let node: NodeProcess | undefined;
  let nsd: ChildProcess | undefined;
  try {
    progress(`dns: writing a genesis with ${size.numbers.toLocaleString("en-US")} registered numbers`);
    const genesis = enumGenesis(size.numbers);
    const genesisFile = writeGenesis(dir, genesis);
    const names = Array.from({ length: size.numbers }, (_, i) => reverseName(numberOf(i)));
    for (let i = names.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [names[i], names[j]] = [names[j], names[i]];
    }
    const queryFile = join(dir, "queries.txt");
    writeFileSync(queryFile, `${names.map((n) => `${n} NAPTR`).join("\n")}\n`);
    // Live: registered and random unregistered numbers alternate (50% NXDOMAIN).
    const liveFile = join(dir, "queries-live.txt");
    const liveLines: string[] = [];
    for (const n of names) liveLines.push(`${n} NAPTR`, `${reverseName(unregisteredNumber())} NAPTR`);
    writeFileSync(liveFile, `${liveLines.join("\n")}\n`);
    const liveBlockCount = Math.ceil(size.seconds / LIVE_BLOCK_SECONDS) + 1;
    progress(`dns-live: mining ${liveBlockCount} blocks of ${LIVE_SETS_PER_BLOCK} enum/set each`);
    const blocks = await buildLiveBlocks(genesis, size.numbers, liveBlockCount);

    const dnsPort = await freePort();
    progress("dns: starting a telchain node (loads the genesis state)");
    node = await startDnsNode(join(dir, "node"), genesisFile, dnsPort, names[0]);
    progress(`dns: dnsperf against telchain: ${size.warmup}s warm-up, then ${size.seconds}s measured`);
    const oursCold = dnsperf(dnsPort, queryFile, size.warmup);
    const ours = dnsperf(dnsPort, queryFile, size.seconds);
    const oursP99 = await p99Latency(dnsPort, names, 20_000, 16);
    await node.kill("SIGTERM");
    node = undefined;

    const livePort = await freePort();
    progress("dns-live: starting a fresh telchain node");
    node = await startDnsNode(join(dir, "node-live"), genesisFile, livePort, names[0]);
    progress(
      `dns-live: dnsperf against telchain, cold, ${size.seconds}s, a block every ${LIVE_BLOCK_SECONDS}s`,
    );
    const oursLive = await liveRun(node, livePort, liveFile, size.seconds, blocks);
    await node.kill("SIGTERM");
    node = undefined;

    const nsdDir = join(dir, "nsd");
    mkdirSync(nsdDir);
    const nsdPort = await freePort();
    progress("dns: starting NSD with the same records (rrl-ratelimit: 0)");
    nsd = await startNsd(nsdDir, size.numbers, nsdPort);
    progress(`dns-live: dnsperf against NSD, cold, ${size.seconds}s, same query mix`);
    const theirsLive = dnsperf(nsdPort, liveFile, size.seconds);
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
        name: "dns-live",
        value: oursLive.qps,
        unit: "qps",
        reference: theirsLive.qps,
        referenceUnit: "qps",
        referenceName: "NSD, same records and queries, same run",
        ratio: oursLive.qps / theirsLive.qps,
        notes:
          `${shape}; fresh node, cold, a block every ${LIVE_BLOCK_SECONDS}s (${oursLive.imported} imported, ` +
          `${LIVE_SETS_PER_BLOCK} enum/set each; last change answered: ${oursLive.fresh ? "yes" : "NO"}), ` +
          `50% random unregistered numbers; lost ${oursLive.lost}/${oursLive.sent} (NSD ${theirsLive.lost}/${theirsLive.sent})`,
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
