/** `telchain node`: runs a node until SIGINT/SIGTERM. */
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { telchainHome } from "../../crypto/keystore.js";
import { DEV_ACCOUNT_COUNT, DEV_MNEMONIC, devAccount } from "../../crypto/mnemonic.js";
import { TelchainError } from "../../errors.js";
import { allModules } from "../../modules/index.js";
import type { NodeOptions, RunningNode } from "../../node/types.js";
import { intOption } from "../arguments.js";
import { applyConfigFile, markRepeatable } from "../config-file.js";
import { globals, keyValues, print } from "../output.js";

export const DEFAULT_API_LISTEN = { host: "127.0.0.1", port: 8645 };

/** Parses HOST:PORT, [IPv6]:PORT or an http:// URL (so the global --api URL form works too). */
export function parseListenAddress(value: string, flag = "--api"): { host: string; port: number } {
  const bad = () =>
    new TelchainError(
      "BAD_ARGUMENT",
      `${flag} must be HOST:PORT (e.g. 127.0.0.1:${flag === "--p2p" ? 8646 : 8645}), got "${value}"`,
    );
  const s = value.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]/]+)):([0-9]{1,5})$/.exec(s);
  if (!m) throw bad();
  const port = Number(m[3]);
  if (port > 65_535) throw bad();
  return { host: m[1] ?? m[2], port };
}

function formatListen(a: { host: string; port: number }): string {
  return a.host.includes(":") ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

/** --peer: a TCP multiaddr that names the peer, checked when the command is parsed. */
function collectPeer(value: string, previous: string[] = []): string[] {
  if (!/^\/(ip4|ip6|dns4|dns6|dns)\/[^/]+\/tcp\/[0-9]{1,5}\/p2p\/[1-9A-HJ-NP-Za-km-z]{40,60}$/.test(value)) {
    throw new TelchainError(
      "BAD_ARGUMENT",
      `--peer must be a multiaddr like /ip4/127.0.0.1/tcp/8646/p2p/12D3KooW... (a node's "listen" address), got "${value}"`,
    );
  }
  return [...previous, value];
}

interface NodeCommandOptions {
  dev?: boolean;
  datadir?: string;
  api?: string;
  p2p?: string;
  peer?: string[];
  /** Values of module flags (e.g. --dns), by the flags' names. */
  [moduleFlag: string]: unknown;
  mine?: boolean;
  pace?: boolean;
  genesis?: string;
  coinbase?: string;
  minerThreads?: number;
  logLevel?: string;
  logFormat?: "human" | "json";
  apiRateLimit?: number;
  apiRateLimitLoopback?: boolean;
  p2pLimitLoopback?: boolean;
  healthMaxLag?: number;
  logFile?: string;
  config?: string;
}

/**
 * The program's global `--api URL` (where clients find a node) and this command's
 * `--api HOST:PORT` (where the node listens) share a flag. Commander hands the flag to the
 * program wherever it appears, so an explicitly given global value counts as ours too.
 */
function listenOption(opts: NodeCommandOptions, cmd: Command): string | undefined {
  if (opts.api !== undefined) return opts.api;
  const root = cmd.parent;
  return root && root.getOptionValueSource("api") === "cli" ? (root.opts().api as string) : undefined;
}

/** The values of the flags that modules add to `telchain node`. */
function moduleOptionsFrom(opts: NodeCommandOptions): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const m of allModules()) {
    for (const f of m.nodeFlags ?? []) {
      const v = opts[f.name];
      out[f.name] = typeof v === "string" ? v : undefined;
    }
  }
  return out;
}

export function nodeOptionsFrom(opts: NodeCommandOptions, cmd: Command): NodeOptions {
  const dev = opts.dev === true;
  const listen = listenOption(opts, cmd);
  return {
    dev,
    datadir: resolve(opts.datadir ?? (dev ? ".telchain-dev" : `${telchainHome()}/data`)),
    api: listen === undefined ? DEFAULT_API_LISTEN : parseListenAddress(listen),
    p2p: opts.p2p === undefined ? undefined : formatListen(parseListenAddress(opts.p2p, "--p2p")),
    peers: opts.peer ?? [],
    moduleOptions: moduleOptionsFrom(opts),
    mine: opts.mine ?? dev,
    pace: opts.pace ?? dev,
    genesisFile: opts.genesis,
    coinbase: opts.coinbase,
    minerThreads: opts.minerThreads,
    logLevel: opts.logLevel,
    logFormat: opts.logFormat,
    apiRateLimit: opts.apiRateLimit,
    apiRateLimitLoopback: opts.apiRateLimitLoopback,
    p2pLimitLoopback: opts.p2pLimitLoopback,
    healthMaxLag: opts.healthMaxLag,
    logFile: opts.logFile === undefined ? undefined : resolve(opts.logFile),
  };
}

function banner(node: RunningNode, options: NodeOptions, json: boolean): void {
  const devAccounts = options.dev
    ? Array.from({ length: DEV_ACCOUNT_COUNT }, (_, i) => devAccount(i)).map((a) => ({
        name: a.name,
        address: a.address,
      }))
    : undefined;
  const mining = options.mine
    ? `on (${options.minerThreads ?? 1} thread${(options.minerThreads ?? 1) > 1 ? "s" : ""})`
    : "off";
  const value = {
    chainId: node.chainId,
    datadir: node.datadir,
    apiUrl: node.apiUrl,
    peerId: node.peerId,
    listen: node.listen,
    mining: options.mine,
    height: node.height(),
    ...(devAccounts ? { devAccounts, devMnemonic: DEV_MNEMONIC } : {}),
  };
  const human = () => {
    const lines = [
      "telchain node running",
      keyValues([
        ["chain", node.chainId],
        ["height", node.height()],
        ["datadir", node.datadir],
        ["api", node.apiUrl],
        ["p2p", node.listen.length > 0 ? node.listen.join(" ") : "off"],
        ["mining", mining],
      ]),
    ];
    if (devAccounts) {
      lines.push(
        "",
        "dev accounts (use --from dev0..dev9; their keys are PUBLIC, for this dev chain only):",
        keyValues(devAccounts.map((a) => [`  ${a.name}`, a.address])),
        `mnemonic: ${DEV_MNEMONIC}`,
      );
    }
    lines.push("", "stop with Ctrl-C");
    return lines.join("\n");
  };
  // With JSON logs, stdout carries only JSON lines: the human banner goes to stderr.
  if (!json && options.logFormat === "json") process.stderr.write(`${human()}\n`);
  else print(json, value, human);
}

/** Resolves once the node stopped after SIGINT or SIGTERM; a second SIGINT exits at once. */
function stopOnSignal(node: RunningNode): Promise<void> {
  return new Promise((resolveStopped, reject) => {
    let stopping = false;
    let interrupts = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      // A supervisor's SIGTERM beside the terminal's Ctrl-C (devnet, systemd), in either order,
      // is not a second request: only a second Ctrl-C (SIGINT) forces the exit.
      if (signal === "SIGINT") interrupts++;
      if (stopping && interrupts < 2) return;
      if (stopping) {
        process.stderr.write(`${signal} again: exiting without a clean stop\n`);
        process.exit(130);
      }
      stopping = true;
      process.stderr.write(`${signal}: stopping the node...\n`);
      node.stop().then(resolveStopped, reject);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

/** Log levels --log-level takes (pino's). */
const LOG_LEVELS = ["trace", "debug", "info", "warn", "error"];

/** Checks a HOST:PORT flag when it is parsed (also for a config file's value), keeping the text. */
const listenValue = (flag: string) => (value: string) => {
  parseListenAddress(value, flag);
  return value;
};

export function registerNodeCommand(program: Command): Command {
  const nodeCmd = program
    .command("node")
    .description("run a node (with --dev: a local development chain that mines, with funded dev accounts)")
    .option(
      "--config <file>",
      "read options from a TOML file (or JSON if it ends in .json); flags override it",
    )
    .option("--dev", "development chain: datadir ./.telchain-dev, mining on, dev accounts funded")
    .option("--datadir <dir>", "data directory (default: $TELCHAIN_HOME/data, or ./.telchain-dev with --dev)")
    .option("--api <host:port>", "where the HTTP API listens", listenValue("--api"), "127.0.0.1:8645")
    .option(
      "--p2p <host:port>",
      "where to listen for peers (default with --dev: the API port + 1)",
      listenValue("--p2p"),
    )
    .addOption(
      markRepeatable(
        new Option(
          "--peer <multiaddr>",
          "bootstrap peer, e.g. /ip4/127.0.0.1/tcp/8646/p2p/12D3... (repeatable)",
        ).argParser(collectPeer),
      ),
    )
    .option("--mine", "mine blocks (default with --dev)")
    .option("--no-mine", "do not mine")
    .option("--pace", "mine one block per block time, idle in between (default with --dev)")
    .option("--no-pace", "mine as fast as the difficulty allows")
    .option("--genesis <file>", "genesis JSON of the network to run")
    .option("--coinbase <address>", "address that receives block rewards (default with --dev: dev9)")
    .option("--miner-threads <n>", "mining threads (1-256)", intOption("--miner-threads", 1, 256))
    .addOption(new Option("--log-level <level>", "how much to log").choices(LOG_LEVELS).default("info"))
    .addOption(
      new Option("--log-format <format>", "log lines for people or programs")
        .choices(["human", "json"])
        .default("human"),
    )
    .option("--log-file <file>", "append the logs to this file instead of stdout (same format)")
    .option(
      "--api-rate-limit <n>",
      "API requests per client IP per minute (default 600)",
      intOption("--api-rate-limit", 1, 1_000_000_000),
    )
    .option("--api-rate-limit-loopback", "apply the API rate limit to loopback clients too (default: exempt)")
    .option(
      "--p2p-limit-loopback",
      "apply the per-IP cap on inbound peer connections to loopback addresses too (default: exempt)",
    )
    .option(
      "--health-max-lag <blocks>",
      "GET /v1/health answers 503 when the node is more blocks behind a heavier chain it is importing (default 10)",
      intOption("--health-max-lag", 0, 1_000_000_000),
    );
  for (const m of allModules()) for (const f of m.nodeFlags ?? []) nodeCmd.option(f.flags, f.description);
  nodeCmd.action(async (_opts: NodeCommandOptions, cmd: Command) => {
    const root = cmd.parent;
    if (cmd.opts().config !== undefined) {
      // A flag given on the command line (or by its environment variable) wins over the file;
      // --api given anywhere on the line reaches the program (see listenOption).
      applyConfigFile(cmd, cmd.opts().config as string, (attribute) => {
        const source = cmd.getOptionValueSource(attribute);
        if (source === "cli" || source === "env") return true;
        return attribute === "api" && root?.getOptionValueSource("api") === "cli";
      });
    }
    const opts = cmd.opts() as NodeCommandOptions;
    // The default shown in --help is applied only when nothing was given anywhere.
    if (cmd.getOptionValueSource("api") === "default") opts.api = undefined;
    const options = nodeOptionsFrom(opts, cmd);
    // Loaded on demand: the other commands do not need the storage engine.
    const { startNode } = await import("../../node/node.js");
    // A signal while the node starts (its API may already answer) is kept and acted on once
    // it has started, so it still stops cleanly instead of dying half-started.
    const early: NodeJS.Signals[] = [];
    const keep = (signal: NodeJS.Signals) => early.push(signal);
    process.on("SIGINT", keep);
    process.on("SIGTERM", keep);
    const node = await startNode(options);
    process.off("SIGINT", keep);
    process.off("SIGTERM", keep);
    // Signal handlers before the banner: whoever waits for the banner may signal at once.
    const stopped = stopOnSignal(node);
    if (early.length > 0) process.kill(process.pid, early[0]);
    else banner(node, options, globals(cmd).json);
    await stopped;
    process.exit(0);
  });
  return nodeCmd;
}
