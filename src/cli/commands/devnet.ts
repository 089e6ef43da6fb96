/**
 * `telchain devnet --nodes N`: N dev nodes on loopback, each its own process with its
 * own datadir and ports, connected to each other; the first `--miners` of them mine.
 * Prints their API URLs and stops them all on Ctrl-C.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { getStatus } from "../../client/actions/chain.js";
import { ApiClient } from "../../client/api-client.js";
import { TelchainError } from "../../errors.js";
import { allModules } from "../../modules/index.js";
import { globals, print } from "../output.js";

interface DevnetNode {
  name: string;
  api: string;
  p2p: string;
  /** Where its module services listen (e.g. dns: the ENUM DNS server), by flag name. */
  services: Record<string, string>;
  mining: boolean;
  proc: ChildProcess;
  listen: string[];
}

/** The addresses a dev node's module services take by default (they follow its API port). */
function moduleServices(api: { host: string; port: number }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of allModules())
    for (const f of m.nodeFlags ?? []) if (f.devDefault) out[f.name] = f.devDefault(api);
  return out;
}

const servicesText = (s: Record<string, string>) =>
  Object.entries(s)
    .map(([k, v]) => `${k} ${v}  `)
    .join("");

function count(flag: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^[0-9]+$/.test(value) || n < min || n > max) {
      throw new TelchainError(
        "BAD_ARGUMENT",
        `${flag} must be a whole number from ${min} to ${max}, got "${value}"`,
      );
    }
    return n;
  };
}

/** How long one status request may take while waiting for a node to start. */
const STATUS_POLL_TIMEOUT_MS = 5_000;

async function waitForStatus(node: DevnetNode, timeoutMs: number): Promise<{ listen: string[] }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (node.proc.exitCode !== null) break;
    try {
      return await getStatus(new ApiClient(node.api, STATUS_POLL_TIMEOUT_MS));
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new TelchainError("DEVNET_START_FAILED", `${node.name} did not start (see its output above)`);
}

export function registerDevnetCommand(program: Command): void {
  program
    .command("devnet")
    .description("run N connected dev nodes on loopback (own datadirs and ports); Ctrl-C stops them all")
    .option("--nodes <n>", "number of nodes", count("--nodes", 1, 16), 3)
    .option("--miners <n>", "how many of them mine (the first ones)", count("--miners", 0, 16), 1)
    .option("--datadir <dir>", "parent folder of the nodes' data directories", ".telchain-devnet")
    .option(
      "--base-port <port>",
      "node i serves its API on base+2i and p2p on base+2i+1",
      count("--base-port", 1024, 65000),
      8645,
    )
    .action(
      async (opts: { nodes: number; miners: number; datadir: string; basePort: number }, cmd: Command) => {
        const json = globals(cmd).json;
        // The real path: under npx, argv[1] is a link in npx's cache, which the printed restart
        // command should not depend on.
        const bin = realpathSync(process.argv[1]);
        const nodes: DevnetNode[] = [];
        let stopping = false;

        // A node killed by a signal has exitCode null and signalCode set: it is not running.
        const running = (n: DevnetNode) => n.proc.exitCode === null && n.proc.signalCode === null;
        const stopAll = async (code: number) => {
          if (stopping) return;
          stopping = true;
          for (const n of nodes) if (running(n)) n.proc.kill("SIGTERM");
          await Promise.all(
            nodes.map((n) => (running(n) ? new Promise((r) => n.proc.once("exit", r)) : null)),
          );
          process.exit(code);
        };
        process.on("SIGINT", () => void stopAll(0));
        process.on("SIGTERM", () => void stopAll(0));

        for (let i = 0; i < opts.nodes; i++) {
          const name = `node${i}`;
          const apiPort = opts.basePort + 2 * i;
          const mining = i < opts.miners;
          const args = [
            bin,
            "node",
            "--dev",
            "--datadir",
            resolve(opts.datadir, name),
            "--api",
            `127.0.0.1:${apiPort}`,
            "--p2p",
            `127.0.0.1:${apiPort + 1}`,
            mining ? "--mine" : "--no-mine",
            ...nodes.flatMap((n) => n.listen.flatMap((a) => ["--peer", a])),
          ];
          const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
          const node: DevnetNode = {
            name,
            api: `http://127.0.0.1:${apiPort}`,
            p2p: `127.0.0.1:${apiPort + 1}`,
            services: moduleServices({ host: "127.0.0.1", port: apiPort }),
            mining,
            proc,
            listen: [],
          };
          nodes.push(node);
          const prefix = (chunk: Buffer) => {
            if (json) return;
            for (const line of chunk.toString().split("\n")) {
              // Every node's banner lists the same dev accounts: leave them out of the merged output.
              if (!line || /^(dev accounts| {2}dev[0-9] |mnemonic: |stop with Ctrl-C)/.test(line)) continue;
              process.stdout.write(`[${name}] ${line}\n`);
            }
          };
          proc.stdout?.on("data", prefix);
          proc.stderr?.on("data", prefix);
          proc.once("exit", (code, signal) => {
            if (stopping) return;
            // The others keep running (stopping one node is how one tries catch-up); say how to restart it.
            const cmdline = [process.execPath, ...args].map((a) => (a.includes(" ") ? JSON.stringify(a) : a));
            process.stderr.write(
              `${name} exited (${signal ?? `code ${code}`}); the other nodes keep running. Start it again with:\n  ${cmdline.join(" ")}\n`,
            );
            if (!nodes.some(running)) void stopAll(1);
          });
          try {
            node.listen = (await waitForStatus(node, 30_000)).listen;
          } catch (e) {
            await stopAll(1);
            throw e;
          }
        }

        const summary = nodes.map((n) => ({
          name: n.name,
          pid: n.proc.pid,
          api: n.api,
          ...n.services,
          p2p: n.listen,
          mining: n.mining,
        }));
        print(json, { nodes: summary }, () =>
          [
            `devnet running: ${nodes.length} nodes, ${opts.miners} mining (data in ${resolve(opts.datadir)})`,
            ...summary.map(
              (n) =>
                `  ${n.name}  pid ${n.pid}  ${n.api}  ${servicesText(nodes.find((x) => x.name === n.name)?.services ?? {})}${n.mining ? "mining" : "      "}  ${n.p2p[0] ?? ""}`,
            ),
            "dev accounts dev0..dev9 (mnemonic: test test ... junk) are funded on every node; use --from dev0 --api <url>",
            "try: npx telchain status --api <url>   stop with Ctrl-C",
          ].join("\n"),
        );
        await new Promise(() => undefined); // run until a signal
      },
    );
}
