/**
 * The quick start as a user runs it: a dev node process, the CLI as a subprocess for
 * wallet, send and account, then SIGKILL and restart with the balance still there.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { getStatus, getTx, submitTx } from "../../src/client/actions/index.js";
import { ApiClient, type ApiError } from "../../src/client/api-client.js";
import { cliPath, freePort, NodeProcess } from "../../src/testing/node-process.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-dev-"));
const datadir = join(dir, "data");
const env = { TELCHAIN_HOME: join(dir, "home"), TELCHAIN_PASSPHRASE: "correct horse battery staple" };
let port: number;
let node: NodeProcess;

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cliPath(), ...args, "--api", node.url], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => {
      stdout += d;
    });
    p.stderr.on("data", (d) => {
      stderr += d;
    });
    p.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

before(async () => {
  port = await freePort();
  node = await NodeProcess.start(["--dev", "--datadir", datadir], env, port);
  assert.ok(await node.ready(), node.output);
});

after(async () => {
  await node.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

test("wallet new, send from dev0, account shows the balance, and it survives SIGKILL", async () => {
  const created = await cli("wallet", "new", "alice", "--json");
  assert.equal(created.code, 0, created.stderr);
  const { name, address } = JSON.parse(created.stdout);
  assert.equal(name, "alice");
  assert.match(address, /^tel1[02-9ac-hj-np-z]+$/);

  const sent = await cli("send", "--from", "dev0", "--to", address, "--amount", "1000", "--json");
  assert.equal(sent.code, 0, sent.stderr);
  const receipt = JSON.parse(sent.stdout);
  assert.match(receipt.hash, /^[0-9a-f]{64}$/);
  assert.equal(receipt.status, "included");
  assert.ok(receipt.height >= 1);

  const acct = await cli("account", address, "--json");
  assert.equal(acct.code, 0, acct.stderr);
  assert.equal(JSON.parse(acct.stdout).balance, "1000");
  const human = await cli("account", address);
  assert.match(human.stdout, /1000/);

  const history = await cli("history", address, "--json");
  assert.equal(history.code, 0, history.stderr);
  const page = JSON.parse(history.stdout);
  assert.equal(page.next, null);
  assert.deepEqual(
    page.items.map((t: { hash: string; role: string; height: number }) => [t.hash, t.role, t.height]),
    [[receipt.hash, "received", receipt.height]],
  );
  const line = (await cli("history", address)).stdout.trim();
  assert.equal(
    line,
    `${String(receipt.height).padEnd(6)}  received  coin/transfer         ${receipt.hash}  from ${page.items[0].sender} amount 1000`,
  );
  const sender = await cli("history", page.items[0].sender, "--limit", "1");
  assert.match(
    sender.stdout,
    new RegExp(`^${receipt.height} +sent {6}coin/transfer +${receipt.hash}  to ${address}`),
  );

  const height = (await getStatus(new ApiClient(node.url))).height;
  await node.kill("SIGKILL");
  node = await NodeProcess.start(["--dev", "--datadir", datadir], env, port);
  assert.ok(await node.ready(), node.output);
  const again = await cli("account", address, "--json");
  assert.equal(JSON.parse(again.stdout).balance, "1000");
  const api = new ApiClient(node.url);
  const status = await getStatus(api);
  assert.ok(status.height >= height, `height ${status.height} went back from ${height}`);
  const tx = await getTx(api, { hash: receipt.hash });
  assert.equal(tx.status, "included");
  assert.equal(tx.height, receipt.height);
  assert.deepEqual((await cli("history", address, "--json")).stdout, history.stdout);
});

test("bad input gets a clear error and a non-zero exit", async () => {
  const badAmount = await cli("send", "--from", "dev0", "--to", "tel1qqqq", "--amount", "12abc", "--json");
  assert.equal(badAmount.code, 1);
  assert.ok(/ADDRESS_INVALID|COIN_BAD_AMOUNT/.test(badAmount.stdout + badAmount.stderr));

  const badAddr = await cli("account", "not-an-address");
  assert.equal(badAddr.code, 1);
  assert.match(badAddr.stderr, /ADDRESS_INVALID/);

  await assert.rejects(submitTx(new ApiClient(node.url), { tx: "00ff" }), (garbage: ApiError) => {
    assert.equal(garbage.status, 400);
    assert.match(garbage.code, /^CODEC_/);
    return true;
  });

  const unknownFrom = await cli("send", "--from", "nobody", "--to", "tel1qqqq", "--amount", "1");
  assert.equal(unknownFrom.code, 1);
});

test("a p2p port in use stops the node with P2P_START_FAILED, and the message says why", async () => {
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
  after(() => busy.close());
  const port = (busy.address() as { port: number }).port;
  const other = await NodeProcess.start(
    ["--dev", "--datadir", join(dir, "busy-p2p"), "--p2p", `127.0.0.1:${port}`],
    env,
  );
  assert.equal(await other.exited, 1, other.output);
  assert.match(
    other.output,
    /error \[P2P_START_FAILED\]: networking cannot listen on 127\.0\.0\.1:\d+: port \d+ is in use: choose another with --p2p HOST:PORT/,
  );
  assert.doesNotMatch(other.output, /; at /, "no stack trace in the message");
});

test("with --log-level debug every head change logs 'new head' with the height and hash (JSON: its time)", async () => {
  const other = await NodeProcess.start([
    "--dev",
    "--datadir",
    join(dir, "debug-log"),
    "--log-level",
    "debug",
    "--log-format",
    "json",
  ]);
  try {
    assert.ok(await other.ready(), other.output);
    const deadline = Date.now() + 20_000;
    let line: { time: number; height: number; hash: string } | undefined;
    while (!line && Date.now() < deadline) {
      const found = other.output.split("\n").find((l) => l.includes('"msg":"new head"'));
      if (found) line = JSON.parse(found);
      else await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(line, other.output);
    assert.equal(line.height, 1);
    assert.equal(typeof line.time, "number");
    const block = await other.get<{ hash: string }>("/v1/blocks/1");
    assert.equal(line.hash, block.body.hash);
  } finally {
    await other.kill("SIGTERM");
  }
});
