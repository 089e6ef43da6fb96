import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { createApiServer } from "../api/server.js";
import { encodeAddress } from "../crypto/address.js";
import { publicKeyFromSeed } from "../crypto/ed25519.js";
import { DEV_MNEMONIC, devAccount } from "../crypto/mnemonic.js";
import type { AccountTxView, AccountView, NodeApi } from "../node/types.js";
import { type CliRun, json, runCli } from "../testing/dev-cli.js";
import { repoRoot } from "../testing/fixtures.js";
import { freePort } from "../testing/node-process.js";
import { nodeStatus } from "../testing/node-status.js";
import { parseListenAddress } from "./commands/node.js";

const home = mkdtempSync(join(tmpdir(), "telchain-cli-"));
const BIN = join(repoRoot(), "bin", "telchain.js");
const { TELCHAIN_API: _ignored, ...inherited } = process.env;
const ENV = { ...inherited, TELCHAIN_HOME: home, TELCHAIN_PASSPHRASE: "correct horse" };

type Run = CliRun;

/** Runs the CLI as a subprocess (asynchronously, so an API server in this process can answer it). */
const cli = (...args: string[]): Promise<Run> => runCli(args, ENV);

function jsonError(run: Run): { code: string; message: string } {
  assert.equal(run.code, 1);
  assert.equal(run.stdout, "");
  return (JSON.parse(run.stderr.trim()) as { error: { code: string; message: string } }).error;
}

after(() => rmSync(home, { recursive: true, force: true }));

test("--help lists the core and module commands", async () => {
  const run = await cli("--help");
  assert.equal(run.code, 0);
  for (const command of ["node", "wallet", "status", "block", "tx", "account", "mempool", "send"]) {
    assert.match(run.stdout, new RegExp(`^  ${command}\\b`, "m"), `lists ${command}`);
  }
  assert.match(run.stdout, /--api <url>/);
  assert.match(run.stdout, /--json/);
});

test("wallet new / list / show, and a duplicate name is KEYSTORE_EXISTS", async () => {
  const created = json(await cli("wallet", "new", "alice", "--json"));
  assert.equal(created.name, "alice");
  assert.match(String(created.address), /^tel1[02-9ac-hj-np-z]{58}$/);
  assert.equal(String(created.mnemonic).split(" ").length % 3, 0);

  const listed = json(await cli("wallet", "list", "--json")) as {
    wallets: { name: string; address: string }[];
  };
  assert.deepEqual(
    listed.wallets.find((w) => w.name === "alice"),
    { name: "alice", address: created.address },
  );

  const shown = json(await cli("--json", "wallet", "show", "alice"));
  assert.deepEqual(shown, { name: "alice", address: created.address }, "no secrets shown");

  const human = await cli("wallet", "show", "alice");
  assert.match(human.stdout, new RegExp(`^address  ${created.address}$`, "m"));

  const dup = await cli("wallet", "new", "alice");
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /^error \[KEYSTORE_EXISTS\]: /);
  assert.equal(jsonError(await cli("wallet", "new", "alice", "--json")).code, "KEYSTORE_EXISTS");
});

test("wallet import from a mnemonic or a seed gives the expected address", async () => {
  const fromMnemonic = json(await cli("wallet", "import", "carol", "--mnemonic", DEV_MNEMONIC, "--json"));
  assert.equal(fromMnemonic.address, devAccount(0).address, "account 0 of the mnemonic");
  assert.equal(fromMnemonic.mnemonic, undefined);

  const seed = "05".repeat(32);
  const fromSeed = json(await cli("wallet", "import", "dave", "--seed", seed, "--json"));
  assert.equal(fromSeed.address, encodeAddress(publicKeyFromSeed(new Uint8Array(32).fill(5))));

  assert.equal(jsonError(await cli("wallet", "import", "erin", "--json")).code, "BAD_ARGUMENT");
  assert.equal(
    jsonError(await cli("wallet", "import", "erin", "--seed", "abc", "--json")).code,
    "BAD_ARGUMENT",
  );
  assert.equal(jsonError(await cli("wallet", "show", "nobody", "--json")).code, "KEYSTORE_NOT_FOUND");
});

test("a node that cannot be reached is NODE_UNREACHABLE (exit 1)", async () => {
  const run = await cli("account", devAccount(0).address, "--api", "http://127.0.0.1:1");
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^error \[NODE_UNREACHABLE\]: cannot reach the node at http:\/\/127\.0\.0\.1:1/);
  assert.equal(run.stdout, "");
});

test("node --api accepts HOST:PORT, [IPv6]:PORT and a URL, nothing else", () => {
  assert.deepEqual(parseListenAddress("0.0.0.0:9000"), { host: "0.0.0.0", port: 9000 });
  assert.deepEqual(parseListenAddress("[::1]:8645"), { host: "::1", port: 8645 });
  assert.deepEqual(parseListenAddress("http://localhost:8645/"), { host: "localhost", port: 8645 });
  for (const bad of ["8645", "host:", "host:99999", "a:b:c"]) {
    assert.throws(() => parseListenAddress(bad), { code: "BAD_ARGUMENT" });
  }
});

// Query commands against the real API layer, served by a fake node in this process.
const ADDR = devAccount(3).address;
const STATUS = nodeStatus({ height: 42, difficulty: 2, bits: "0x1e00ffff", nextBits: "0x1e00ffff" });
const ACCOUNT: AccountView = {
  address: ADDR,
  balance: "123456789",
  nonce: 4,
  pendingNonce: 5,
  authorisingKey: ADDR,
  rotated: false,
  lockedUntil: 0,
  locked: false,
  memoKey: null,
};
const HISTORY: AccountTxView[] = [
  { role: "received", sender: devAccount(4).address, payload: { to: ADDR, amount: "5" } },
  { role: "sent", sender: ADDR, payload: { number: "+15551230000", records: [] } },
].map((t, i) => ({
  ...t,
  hash: String(i + 1).repeat(64),
  height: 9 - i,
  index: 0,
  blockHash: "b".repeat(64),
  timestamp: 1_700_000_000,
  nonce: 0,
  fee: "200",
  expiry: 0,
  module: i === 0 ? "coin" : "enum",
  kind: i === 0 ? "transfer" : "set",
  size: 200,
})) as AccountTxView[];
const historyAsked: { address: string; limit?: number; cursor?: string }[] = [];
let app: FastifyInstance;
let url: string;

before(async () => {
  const node = {
    status: () => STATUS,
    account: (address: string) => ({ ...ACCOUNT, address }),
    block: () => undefined,
    mempool: () => ({ size: 2, bytes: 300, txs: ["1".repeat(64), "2".repeat(64)] }),
    accountTxs: (address: string, page: { limit?: number; cursor?: string }) => {
      historyAsked.push({ address, ...page });
      return { items: page.cursor ? [HISTORY[1]] : [HISTORY[0]], next: page.cursor ? null : "ab".repeat(12) };
    },
    modules: () => [],
  } as unknown as NodeApi;
  app = await createApiServer(node, {});
  url = await app.listen({ host: "127.0.0.1", port: 0 });
});
after(() => app.close());

test("status, account and mempool print the API object with --json and aligned lines without", async () => {
  assert.deepEqual(json(await cli("status", "--json", "--api", url)), STATUS);
  assert.deepEqual(json(await cli("--api", url, "--json", "account", ADDR)), ACCOUNT);

  const human = await cli("account", ADDR, "--api", url);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /^balance +123456789$/m);
  assert.match(human.stdout, /^nonce +4$/m);
  // Each value starts after the key and two spaces at least, in one column (keys and values may hold single spaces).
  const keys = human.stdout
    .trim()
    .split("\n")
    .map((l) => (l.match(/^.*?\S {2,}(?=\S)/) ?? [""])[0].length);
  assert.equal(new Set(keys).size, 1, "values are aligned");
  assert.match(human.stdout, /^signed by +its own key$/m);

  const mempool = await cli("mempool", "--api", url, "--limit", "5");
  assert.match(mempool.stdout, /2 txs, 300 bytes/);
  assert.match(mempool.stdout, new RegExp(`^  ${"2".repeat(64)}$`, "m"));
});

test("history prints one line per transaction and the next cursor; --all follows it; --json the page", async () => {
  const page = await cli("history", ADDR, "--api", url, "--limit", "1");
  assert.equal(page.code, 0, page.stderr);
  assert.deepEqual(page.stdout.split("\n"), [
    `9       received  coin/transfer         ${"1".repeat(64)}  from ${devAccount(4).address} amount 5`,
    `next: --cursor ${"ab".repeat(12)}`,
    "",
  ]);
  assert.deepEqual(historyAsked.at(-1), { address: ADDR, limit: 1 });
  const all = await cli("history", ADDR, "--api", url, "--all");
  assert.deepEqual(
    all.stdout.trim().split("\n").at(-1),
    `8       sent      enum/set              ${"2".repeat(64)}  {"number":"+15551230000","records":[]}`,
  );
  assert.deepEqual(historyAsked.at(-1), { address: ADDR, limit: 100, cursor: "ab".repeat(12) });
  assert.deepEqual(json(await cli("history", ADDR, "--api", url, "--json")), {
    items: [HISTORY[0]],
    next: "ab".repeat(12),
  });
  const bad = await cli("history", "tel1nope", "--api", url);
  assert.match(bad.stderr, /^error \[ADDRESS_INVALID\]: /);
});

test("API errors come through with their code: 404, 400, ADDRESS_INVALID", async () => {
  assert.equal(jsonError(await cli("block", "7", "--api", url, "--json")).code, "NOT_FOUND");
  assert.equal(jsonError(await cli("block", "not-a-block", "--api", url, "--json")).code, "BAD_ARGUMENT");
  const bad = await cli("account", "tel1nope", "--api", url);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^error \[ADDRESS_INVALID\]: /);
});

test("TELCHAIN_API sets the default API URL", async () => {
  const run = await runCli(["status", "--json"], { ...ENV, TELCHAIN_API: url });
  assert.equal(json(run).chainId, "telchain-dev");
});

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output:\n${out}`)),
      timeoutMs,
    );
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code}; output:\n${out}`));
    });
  });
}

test("node --dev serves the API on --api HOST:PORT, prints the banner and stops cleanly on SIGTERM", async () => {
  const datadir = mkdtempSync(join(tmpdir(), "telchain-cli-node-"));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      BIN,
      "node",
      "--dev",
      "--no-mine",
      "--datadir",
      datadir,
      "--api",
      `127.0.0.1:${port}`,
      "--p2p",
      `127.0.0.1:${await freePort()}`,
      "--dns",
      `127.0.0.1:${await freePort()}`,
      "--log-level",
      "warn",
    ],
    { cwd: repoRoot(), env: ENV, stdio: ["ignore", "pipe", "pipe"] },
  );
  try {
    const banner = await waitForOutput(child, /stop with Ctrl-C/, 20_000);
    assert.match(banner, new RegExp(`^api +http://127\\.0\\.0\\.1:${port}$`, "m"));
    assert.match(banner, /^chain +telchain-dev$/m);
    assert.match(banner, /^mining +off$/m);
    assert.ok(banner.includes(devAccount(0).address), "lists the dev accounts");
    assert.ok(banner.includes(DEV_MNEMONIC), "shows the published mnemonic");

    const status = json(await cli("status", "--json", "--api", `http://127.0.0.1:${port}`));
    assert.equal(status.chainId, "telchain-dev");
    assert.equal(status.mining, false);

    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(datadir, { recursive: true, force: true });
  }
});

test("bad ids say which forms are accepted, before the node is asked", async () => {
  const offline = "http://127.0.0.1:1"; // no node: the argument is refused first
  const tx = jsonError(await cli("tx", "deadbeef", "--api", offline, "--json"));
  assert.deepEqual(tx, {
    code: "BAD_ARGUMENT",
    message: 'a transaction hash is 64 hex digits (0-9, a-f), got "deadbeef" (8 characters)',
  });
  for (const id of ["-1", "1.5", "abc", "9999999999999999", "f".repeat(63)]) {
    const block = jsonError(await cli("block", id, "--api", offline, "--json"));
    assert.equal(block.code, "BAD_ARGUMENT", id);
    assert.match(
      block.message,
      /^a block is a height \(0, 1, 2, …\) or a block hash \(64 hex digits\), got /,
    );
  }
  const account = jsonError(await cli("account", "bob", "--api", offline, "--json"));
  assert.equal(account.code, "ADDRESS_INVALID");
  assert.match(account.message, /^the account must be an address \(tel1 and 58 more characters; /);
  const to = jsonError(
    await cli("send", "--from", "dev0", "--to", "bob", "--amount", "1", "--api", offline, "--json"),
  );
  assert.match(to.message, /^--to must be an address \(tel1 and 58 more characters; /);
  const human = await cli("block", "-1", "--api", offline);
  assert.equal(
    human.stderr,
    'error [BAD_ARGUMENT]: a block is a height (0, 1, 2, …) or a block hash (64 hex digits), got "-1"\n',
  );
  assert.equal(
    jsonError(await cli("block", "0", "--api", url, "--json")).code,
    "NOT_FOUND",
    "height 0 is asked",
  );
});

test("an amount too large for uint64 says so, with the maximum", async () => {
  const send = (amount: string) =>
    cli("send", "--from", "dev0", "--to", ADDR, "--amount", amount, "--api", "http://127.0.0.1:1", "--json");
  const big = jsonError(await send("99999999999999999999999"));
  assert.equal(big.code, "COIN_BAD_AMOUNT");
  assert.match(
    big.message,
    /^--amount is too large: the most is 18446744073709551615 \(2\^64-1 base units\)/,
  );
  assert.match(jsonError(await send("18446744073709551616")).message, /too large/);
  assert.match(jsonError(await send("0")).message, /^--amount must be at least 1 base unit, got "0"$/);
  assert.match(
    jsonError(await send("1e5")).message,
    /^--amount must be a whole number base units \(digits only\)/,
  );
  assert.match(
    jsonError(await cli("mempool", "--limit", "1001", "--api", url, "--json")).message,
    /too large: the most is 1000/,
  );
});

test("an unknown --from wallet is KEYSTORE_NOT_FOUND before any passphrase, listing the wallets and dev names", async () => {
  const { TELCHAIN_PASSPHRASE: _none, ...noPassphrase } = ENV;
  const run = await runCli(
    ["send", "--from", "mallory", "--to", ADDR, "--amount", "5", "--api", url, "--json"],
    noPassphrase,
  );
  const e = jsonError(run);
  assert.equal(e.code, "KEYSTORE_NOT_FOUND", "not PASSPHRASE_REQUIRED");
  assert.match(
    e.message,
    /^no wallet named "mallory" in .*keystore; the wallets are: alice, carol, dave; on this dev chain also dev0\.\.dev9$/,
  );
  // The same through a module's own signing path (enum register finds the owner first).
  const enumRun = await runCli(
    ["enum", "register", "+15551234567", "--from", "mallory", "--api", url, "--json"],
    noPassphrase,
  );
  assert.equal(jsonError(enumRun).message, e.message);
  const show = jsonError(await cli("wallet", "show", "mallory", "--json"));
  assert.match(show.message, /the wallets are: alice, carol, dave$/);
});

test("usage errors with --json are one JSON error on stderr, exit 1; without, the help then error [CODE]", async () => {
  const cases: [string[], string, RegExp][] = [
    [["send", "--to", ADDR], "MISSING_ARGUMENT", /required option '--from <name>' not specified/],
    [["send", "--from"], "MISSING_ARGUMENT", /option '--from <name>' argument missing/],
    [["bogus"], "UNKNOWN_COMMAND", /unknown command 'bogus'/],
    [[], "UNKNOWN_COMMAND", /a command is needed/],
    [["enum"], "UNKNOWN_COMMAND", /a command is needed/],
    [["status", "--bogus"], "UNKNOWN_OPTION", /unknown option '--bogus'/],
    [["block"], "MISSING_ARGUMENT", /missing required argument 'id'/],
    [["status", "extra"], "TOO_MANY_ARGUMENTS", /too many arguments/],
    [["node", "--log-format", "xml"], "BAD_ARGUMENT", /Allowed choices are human, json/],
  ];
  for (const [args, code, message] of cases) {
    for (const argv of [
      ["--json", ...args],
      [...args, "--json"],
    ]) {
      const run = await cli(...argv);
      const e = jsonError(run);
      assert.equal(e.code, code, argv.join(" "));
      assert.match(e.message, message, argv.join(" "));
      assert.equal(run.stderr.trim().split("\n").length, 1, "only the JSON line");
    }
  }
  const human = await cli("bogus");
  assert.equal(human.code, 1);
  assert.match(human.stderr, /Usage: telchain/);
  assert.match(human.stderr, /\nerror \[UNKNOWN_COMMAND\]: unknown command 'bogus'\n$/);
  const help = await cli("--help", "--json");
  assert.equal(help.code, 0, "help is no error");
});
