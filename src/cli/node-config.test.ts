/**
 * `telchain node --config FILE`, `--log-file`, the banner with JSON logs, and the errors of
 * a taken port — the CLI as a subprocess, as an operator runs it.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parse as parseToml } from "smol-toml";
import { allModules } from "../modules/index.js";
import { type CliRun, runCli } from "../testing/dev-cli.js";
import { repoRoot } from "../testing/fixtures.js";
import { cliPath, freePort } from "../testing/node-process.js";
import { configKeys, configValues } from "./config-file.js";
import { buildProgram } from "./program.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-config-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const { TELCHAIN_API: _ignored, ...inherited } = process.env;
const ENV = { ...inherited, TELCHAIN_HOME: join(dir, "home") };

type Run = Omit<CliRun, "code"> & { code: number | null };

/** Runs `telchain ARGS` to its end (for commands refused before the node starts). */
const cli = (...args: string[]): Promise<Run> => runCli(args, ENV, dir);

/**
 * Starts `telchain ARGS`, waits until the node runs (its banner's last line, on stdout or
 * stderr) or exits, stops it with SIGTERM and returns what it printed.
 */
function runNode(args: string[], timeoutMs = 30_000): Promise<Run & { started: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath(), ...args], {
      cwd: dir,
      env: ENV,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let started = false;
    const check = () => {
      if (!started && /"apiUrl"|stop with Ctrl-C/.test(stdout + stderr)) {
        started = true;
        child.kill("SIGTERM");
      }
    };
    child.stdout.on("data", (d) => {
      stdout += d;
      check();
    });
    child.stderr.on("data", (d) => {
      stderr += d;
      check();
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node did not start or exit in time:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, started });
    });
  });
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Every port a dev node opens, free ones; `api` etc. as config-file lines. */
async function ports(): Promise<{ api: string; p2p: string; dns: string }> {
  return {
    api: `127.0.0.1:${await freePort()}`,
    p2p: `127.0.0.1:${await freePort()}`,
    dns: `127.0.0.1:${await freePort()}`,
  };
}

function errorOf(run: Run): { code: string; message: string } {
  assert.equal(run.code, 1, `exit 1 expected; stderr: ${run.stderr}`);
  assert.equal(run.stdout, "");
  return (JSON.parse(run.stderr.trim()) as { error: { code: string; message: string } }).error;
}

test("a TOML config file starts the node; flags override it; JSON logs keep stdout to JSON lines", async () => {
  const p = await ports();
  const other = await freePort();
  const config = write(
    "node.toml",
    [
      "# a dev node, quiet",
      "dev = true",
      "mine = false",
      `datadir = "data-toml"`,
      `api = "${p.api}"`,
      `p2p = "${p.p2p}"`,
      `dns = "${p.dns}"`,
      `log-format = "json"`,
      `log-level = "info"`,
      "",
    ].join("\n"),
  );
  // --api on the command line wins over the file's api.
  const run = await runNode(["node", "--config", config, "--api", `127.0.0.1:${other}`]);
  assert.ok(run.started, run.stderr);
  assert.equal(run.code, 0, `exit 0 after SIGTERM; stderr:\n${run.stderr}\nstdout:\n${run.stdout}`);
  assert.match(run.stderr, new RegExp(`^api +http://127\\.0\\.0\\.1:${other}$`, "m"), "the flag wins");
  assert.match(run.stderr, /^mining +off$/m, "mine = false");
  assert.match(run.stderr, /telchain node running/, "the human banner is on stderr");
  const lines = run.stdout.trim().split("\n");
  assert.ok(lines.length >= 2, "log lines on stdout");
  for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `a JSON line: ${line}`);
  assert.ok(existsSync(join(dir, "data-toml", "chain")), "datadir from the file");
  assert.ok(lines.some((l) => JSON.parse(l).msg === "chain opened"));
});

test("a JSON config file with --log-file: logs go to the file, in the chosen format", async () => {
  const p = await ports();
  const config = write(
    "node.json",
    JSON.stringify({
      dev: true,
      mine: false,
      datadir: "data-json",
      ...p,
      "log-file": "logs/node.log",
      "miner-threads": 2,
    }),
  );
  const run = await runNode(["node", "--config", config]);
  assert.ok(run.started, run.stderr);
  assert.equal(run.code, 0, `exit 0 after SIGTERM; stderr:\n${run.stderr}\nstdout:\n${run.stdout}`);
  assert.match(run.stdout, new RegExp(`^api +http://${p.api.replace(/\./g, "\\.")}$`, "m"));
  assert.doesNotMatch(run.stdout, /chain opened/, "no log lines on stdout");
  const log = readFileSync(join(dir, "logs", "node.log"), "utf8");
  assert.match(log, /^\d\d:\d\d:\d\d INFO +chain opened/m, "human lines in the file");
  assert.match(log, /node stopped/);

  // The same with JSON lines, appended, and --json: the banner is one JSON object on stdout.
  const p2 = await ports();
  const json = await runNode([
    "--json",
    "node",
    "--config",
    config,
    ...["--api", p2.api, "--p2p", p2.p2p, "--dns", p2.dns, "--log-format", "json"],
  ]);
  assert.ok(json.started, json.stderr);
  const banner = JSON.parse(json.stdout.trim().split("\n")[0]) as { apiUrl: string };
  assert.equal(banner.apiUrl, `http://${p2.api}`);
  const after = readFileSync(join(dir, "logs", "node.log"), "utf8");
  assert.ok(after.startsWith(log), "appended");
  const added = after.slice(log.length).trim().split("\n");
  assert.ok(added.length >= 2);
  for (const line of added) assert.equal(typeof JSON.parse(line).level, "number");
});

test("config files: unknown keys and bad values are refused naming the key (exit 1, JSON error)", async () => {
  const cases: [string, string, string, RegExp][] = [
    [
      "unknown.toml",
      'log_level = "debug"\n',
      "CONFIG_UNKNOWN_KEY",
      /"log_level" \(did you mean "log-level"\?\)/,
    ],
    ["nested.toml", "[node]\ndev = true\n", "CONFIG_UNKNOWN_KEY", /unknown key "node"/],
    ["threads.toml", "miner-threads = 0\n", "CONFIG_BAD_VALUE", /"miner-threads".*at least 1/],
    ["big.toml", 'miner-threads = "99999999999999999999999"\n', "CONFIG_BAD_VALUE", /too large/],
    [
      "bool.toml",
      'mine = "yes"\n',
      "CONFIG_BAD_VALUE",
      /"mine" \(--mine \/ --no-mine\): expected true or false/,
    ],
    ["api.toml", 'api = "localhost"\n', "CONFIG_BAD_VALUE", /"api".*HOST:PORT/],
    ["peer.toml", 'peer = ["/ip4/1.2.3.4"]\n', "CONFIG_BAD_VALUE", /"peer".*multiaddr/],
    ["format.toml", 'log-format = "xml"\n', "CONFIG_BAD_VALUE", /"log-format".*one of human, json/],
    ["dns.toml", "dns = true\n", "CONFIG_BAD_VALUE", /"dns" \(--dns <host:port>\): expected a string/],
    ["syntax.toml", "api = \n", "CONFIG_INVALID", /not valid TOML/],
    ["syntax.json", "{ api: 1 }", "CONFIG_INVALID", /not valid JSON/],
    ["array.json", "[]", "CONFIG_INVALID", /keys and values/],
  ];
  for (const [name, text, code, message] of cases) {
    const e = errorOf(await cli("--json", "node", "--config", write(name, text)));
    assert.equal(e.code, code, `${name}: ${e.message}`);
    assert.match(e.message, message, name);
  }
  assert.equal(errorOf(await cli("--json", "node", "--config", "missing.toml")).code, "CONFIG_UNREADABLE");
  const human = await cli("node", "--config", join(dir, "unknown.toml"));
  assert.equal(human.code, 1);
  assert.match(
    human.stderr,
    /^error \[CONFIG_UNKNOWN_KEY\]: config file .*unknown\.toml: unknown key "log_level"/,
  );
});

test("every flag of `telchain node` has a config key, module flags included, and docs/operating.md lists each", () => {
  const program = buildProgram();
  const node = program.commands.find((c) => c.name() === "node");
  assert.ok(node);
  const keys = configKeys(node).map((k) => k.key);
  for (const k of ["dev", "datadir", "api", "p2p", "peer", "mine", "pace", "log-file", "log-format"])
    assert.ok(keys.includes(k), k);
  for (const m of allModules())
    for (const f of m.nodeFlags ?? []) {
      const key = (/^--([a-z0-9-]+)/.exec(f.flags) as RegExpExecArray)[1];
      assert.ok(keys.includes(key), `module ${m.name}'s ${f.flags} is the key ${key}`);
    }
  const doc = readFileSync(join(repoRoot(), "docs", "operating.md"), "utf8");
  for (const k of keys)
    assert.match(doc, new RegExp(`^\\| \`${k}\` +\\|`, "m"), `docs/operating.md has a row for ${k}`);
});

test("the example config file of docs/operating.md is accepted as it stands", () => {
  const doc = readFileSync(join(repoRoot(), "docs", "operating.md"), "utf8");
  const example = /```toml\n([\s\S]*?)```/.exec(doc)?.[1];
  assert.ok(example, "docs/operating.md has a TOML example");
  const node = buildProgram().commands.find((c) => c.name() === "node");
  assert.ok(node);
  const values = configValues(node, parseToml(example) as Record<string, unknown>, "node.toml");
  assert.ok(values.length >= 10, "it shows most keys");
});

/** Holds a TCP port (as another program would) until released. */
async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as { port: number }).port, server };
}

test("a taken port names the flag that moves it: --api, --p2p, and a module's own flag (--dns)", async () => {
  const held = await holdPort();
  try {
    const p = await ports();
    const taken = `127.0.0.1:${held.port}`;
    const base = [
      "--json",
      "node",
      "--dev",
      "--no-mine",
      "--datadir",
      join(dir, "ports"),
      "--log-level",
      "error",
    ];
    const api = errorOf(await cli(...base, "--api", taken, "--p2p", p.p2p, "--dns", p.dns));
    assert.equal(api.code, "API_LISTEN_FAILED");
    assert.match(api.message, new RegExp(`port ${held.port} is in use: choose another with --api HOST:PORT`));

    const p2p = errorOf(await cli(...base, "--api", p.api, "--p2p", taken, "--dns", p.dns));
    assert.equal(p2p.code, "P2P_START_FAILED");
    assert.match(p2p.message, new RegExp(`port ${held.port} is in use: choose another with --p2p HOST:PORT`));

    const dns = errorOf(await cli(...base, "--api", p.api, "--p2p", p.p2p, "--dns", taken));
    assert.equal(dns.code, "MODULE_START_FAILED");
    assert.match(dns.message, /^module enum cannot start: /);
    assert.match(
      dns.message,
      new RegExp(`port ${held.port} is in use: choose another with --dns <host:port>`),
    );
  } finally {
    held.server.close();
  }
});

test("--log-file that cannot be written is LOG_FILE_FAILED", async () => {
  write("a-file", "x");
  const p = await ports();
  const e = errorOf(
    await cli(
      "--json",
      "node",
      "--dev",
      "--no-mine",
      "--api",
      p.api,
      "--log-file",
      join(dir, "a-file", "node.log"),
    ),
  );
  assert.equal(e.code, "LOG_FILE_FAILED");
  assert.match(e.message, /--log-file/);
});
