/**
 * End to end with real processes: a dev node, a local HTTP file server, `telchain service serve`
 * (the provider, dev2) and `telchain service connect` (the client, dev3) as subprocesses, and a
 * download of a few MB through the client's SOCKS port — with curl --socks5-hostname where curl
 * is installed, and always with the node:net SOCKS client. After the provider closes the idle
 * channel, its claimed amount is the bytes carried at the listed price within one increment, and
 * its balance rose by that minus its fees. A client that stops signing is cut off.
 */
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { after, before, test } from "node:test";
import { devAccount } from "../../../crypto/mnemonic.js";
import { DevCliHarness } from "../../../testing/dev-cli.js";
import { cliPath } from "../../../testing/node-process.js";
import { skipWithout, type Tool } from "../../../testing/tools.js";
import { signVoucher } from "../voucher.js";
import { voucherApi } from "./client.js";
import { costOf } from "./metering.js";
import { fileServer, socksFetch, testBytes } from "./test-kit.js";

const CURL: Tool = { name: "curl", probe: ["--version"], install: "apt-get install curl" };
const PRICE = 100n;
const INCREMENT = 100_000n;
const DATA = testBytes(3_000_000);
const provider = devAccount(2);
const stopper = devAccount(4);

interface Proc {
  child: ChildProcess;
  /** The JSON line the command printed on stdout once ready. */
  shown: Record<string, string | number>;
  stderr(): string;
}

let h: DevCliHarness;
let files: Awaited<ReturnType<typeof fileServer>>;
let serve: Proc;
let connect: Proc;
const procs: ChildProcess[] = [];

/** Starts `telchain ARGS…` and waits for its first stdout line (JSON). */
function start(args: string[]): Promise<Proc> {
  const child = spawn(process.execPath, [cliPath(), ...args], {
    env: h.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  procs.push(child);
  let out = "";
  let err = "";
  child.stderr?.on("data", (d) => {
    err += d;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve({ child, shown: JSON.parse(out.slice(0, nl)), stderr: () => err });
    });
    child.on("exit", (code) => reject(new Error(`${args.slice(0, 2).join(" ")} exited ${code}:\n${err}`)));
  });
}

const get = async <T>(path: string) => (await h.node.get<T>(path)).body;

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

before(async () => {
  h = await DevCliHarness.start("channels-proxy-e2e-");
  files = await fileServer(DATA);
  serve = await start(
    ["service", "serve", "--from", "dev2", "--price", `${PRICE}`, "--unit", "mb", "--region", "DE"].concat([
      "--listen",
      "127.0.0.1:0",
      "--allow-local",
      "--idle",
      "4",
      "--grace",
      "2",
      "--json",
    ]),
  );
  connect = await start(
    [
      "service",
      "connect",
      "--from",
      "dev3",
      "--region",
      "DE",
      "--max-price",
      "1000",
      "--deposit",
      "1000000",
    ].concat(["--expiry-in", "100000", "--listen", "127.0.0.1:0", "--json"]),
  );
});

after(async () => {
  for (const p of procs) if (p.exitCode === null) p.kill("SIGKILL");
  await files?.close();
  await h?.stop();
});

const localPort = () => Number(String(connect.shown.listen).split(":").at(-1));
let downloads = 0;

test("the listing is found, the channel opened to its provider, the SOCKS port offered", async () => {
  const listing = await get<{ provider: string; price: string }>(`/v1/services/${serve.shown.listing}`);
  assert.deepEqual([listing.provider, listing.price], [provider.address, `${PRICE}`]);
  assert.equal(connect.shown.listing, serve.shown.listing);
  assert.equal(connect.shown.provider, provider.address);
  const ch = await get<{ payee: string; status: string; deposit: string }>(
    `/v1/channels/${connect.shown.channel}`,
  );
  assert.deepEqual([ch.payee, ch.status, ch.deposit], [provider.address, "open", "1000000"]);
});

test("a file of a few MB through the client's SOCKS port (node:net SOCKS5 client, domain name)", async () => {
  const got = await socksFetch({ port: localPort(), host: "localhost", destPort: files.port });
  assert.equal(got.reply, 0);
  assert.equal(got.status, 200);
  assert.ok(got.body.equals(DATA), "the file arrives intact");
  downloads++;
});

test("curl --socks5-hostname through the client's port", {
  skip: skipWithout(CURL, "the node:net SOCKS5 client test above carries the same download"),
}, async () => {
  const body = await new Promise<Buffer>((resolve, reject) =>
    execFile(
      "curl",
      [
        "-sS",
        "--fail",
        "--socks5-hostname",
        `127.0.0.1:${localPort()}`,
        `http://localhost:${files.port}/file`,
      ],
      { encoding: "buffer", maxBuffer: 10_000_000 },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    ),
  );
  assert.ok(body.equals(DATA), "curl gets the file intact");
  downloads++;
});

test("after the client stops, the provider closes the idle channel: paid = bytes × price within one increment, its balance up by that minus fees", async () => {
  const before = await get<{ balance: string }>(`/v1/accounts/${provider.address}`);
  const startHeight = (await get<{ height: number }>("/v1/status")).height;
  connect.child.kill("SIGTERM");
  const id = Number(connect.shown.channel);
  const closed = await until("the channel's close", async () => {
    const c = await get<{ status: string; paid: string | null }>(`/v1/channels/${id}`);
    return c.status === "closed" ? c : undefined;
  });
  const line = new RegExp(
    `channel ${id}: closing \\(idle\\) with voucher (\\d+) for (\\d+) bytes carried`,
  ).exec(serve.stderr());
  assert.ok(line, `the provider logs the close:\n${serve.stderr()}`);
  const [claimed, carried] = [BigInt(line[1]), BigInt(line[2])];
  assert.equal(closed.paid, claimed.toString(), "the provider claimed its best voucher");
  const file = BigInt(DATA.length * downloads);
  assert.ok(
    carried >= file && carried < file + 2_000n * BigInt(downloads),
    `carried ${carried} for ${downloads} downloads`,
  );
  assert.ok(claimed >= costOf(carried, PRICE), "every byte carried is paid for");
  assert.ok(claimed <= costOf(carried + INCREMENT, PRICE), "at most one increment ahead");
  // The provider's balance: + the claim − the fees of what it sent since (the close, heartbeats).
  const after = await get<{ balance: string }>(`/v1/accounts/${provider.address}`);
  const txs = await get<{ items: { role: string; height: number; fee: string }[] }>(
    `/v1/accounts/${provider.address}/txs?limit=100`,
  );
  const fees = txs.items
    .filter((t) => t.role === "sent" && t.height > startHeight)
    .reduce((s, t) => s + BigInt(t.fee), 0n);
  assert.equal(BigInt(after.balance) - BigInt(before.balance), claimed - fees);
});

test("a client that pays the first increment and stops signing is cut off within one increment", async () => {
  const run = await h.cli(
    ...["channel", "open", "--to", provider.address, "--deposit", "100000", "--expiry-in", "100000"],
    ...["--from", "dev4", "--json"],
  );
  assert.equal(run.code, 0, run.stderr);
  const id = (JSON.parse(run.stdout) as { channel: { id: number } }).channel.id;
  const at = { host: "127.0.0.1", port: Number(String(serve.shown.listen).split(":").at(-1)) };
  const v = signVoucher(stopper.seed32, "telchain-dev", id, costOf(INCREMENT, PRICE));
  assert.equal((await voucherApi(at).voucher(id, v.amount, v.signature)).credit, INCREMENT.toString());
  const got = await socksFetch({
    ...at,
    host: "127.0.0.1",
    destPort: files.port,
    auth: { username: `${id}`, password: "-" },
  });
  assert.equal(got.reply, 0);
  assert.ok(got.cut && got.body.length < Number(INCREMENT), `${got.body.length} bytes arrived`);
  assert.ok(BigInt((await voucherApi(at).usage(id)).used) <= INCREMENT, "nothing unpaid was carried");
  assert.match(serve.stderr(), new RegExp(`channel ${id}: cut off`));
});

test("the listing drops out of search once the provider stops", async () => {
  serve.child.kill("SIGTERM");
  await until("the listing to lapse", async () => {
    const found = await get<{ items: { id: number }[] }>("/v1/services?kind=vpn&region=DE");
    return found.items.some((l) => l.id === serve.shown.listing) ? undefined : true;
  });
  const services = await h.cli("services", "--kind", "vpn", "--json");
  assert.equal(services.code, 0, services.stderr);
  assert.ok(!services.stdout.includes(`"id":${serve.shown.listing},`));
});
