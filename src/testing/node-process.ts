/**
 * Runs real `telchain node` processes for integration tests: spawn with a datadir and a
 * free port, wait for the API, talk HTTP, kill with any signal.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { type GenesisConfig, genesisToJson } from "../chain/genesis.js";
import { encodeAddress } from "../crypto/address.js";
import { allModules } from "../modules/index.js";
import { repoRoot } from "./fixtures.js";

/**
 * A port free on 127.0.0.1 for a node a test starts. Picked at random BELOW the kernel's
 * ephemeral range (32768+ on Linux): a port the kernel handed out with listen(0) is also the
 * kind it hands to outgoing connections, and one of those (another test's client) could take
 * it between our check and the node's bind.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error("no free port found in 20000-31999 on 127.0.0.1");
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

export function writeGenesis(dir: string, g: GenesisConfig): string {
  const path = join(dir, "genesis.json");
  writeFileSync(path, JSON.stringify(genesisToJson(g, encodeAddress), null, 2));
  return path;
}

/**
 * The flags of a node on the chain of `genesisFile` with its data in `datadir`, listening for
 * peers on loopback (`p2pPort`, a free port by default).
 */
export async function chainNodeArgs(
  genesisFile: string,
  datadir: string,
  p2pPort?: number,
): Promise<string[]> {
  return [
    "--genesis",
    genesisFile,
    "--datadir",
    datadir,
    "--p2p",
    `127.0.0.1:${p2pPort ?? (await freePort())}`,
  ];
}

export function cliPath(): string {
  return join(repoRoot(), "bin", "telchain.js");
}

export class NodeProcess {
  readonly url: string;
  output = "";
  exited: Promise<number | null>;
  private constructor(
    readonly proc: ChildProcess,
    port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    proc.stdout?.on("data", (d) => {
      this.output += d;
    });
    proc.stderr?.on("data", (d) => {
      this.output += d;
    });
    this.exited = new Promise((resolve) => proc.once("exit", (code) => resolve(code)));
  }

  static async start(args: string[], env: Record<string, string> = {}, port?: number): Promise<NodeProcess> {
    const p = port ?? (await freePort());
    // A dev node's other ports follow its API port (p2p: +1, module services: their
    // devDefault), which tests running side by side could collide on: give each a free one.
    const extra: string[] = [];
    if (args.includes("--dev")) {
      if (!args.includes("--p2p")) extra.push("--p2p", `127.0.0.1:${await freePort()}`);
      for (const m of allModules())
        for (const f of m.nodeFlags ?? []) {
          const flag = f.flags.split(" ")[0];
          if (f.devDefault && !args.includes(flag)) extra.push(flag, `127.0.0.1:${await freePort()}`);
        }
    }
    const proc = spawn(process.execPath, [cliPath(), "node", "--api", `127.0.0.1:${p}`, ...extra, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new NodeProcess(proc, p);
  }

  /** Waits until GET /v1/status answers; false if the process died first. */
  async ready(timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let dead = false;
    this.exited.then(() => {
      dead = true;
    });
    while (Date.now() < deadline && !dead) {
      try {
        const r = await fetch(`${this.url}/v1/status`);
        if (r.ok) return true;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  async get<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> {
    const r = await fetch(`${this.url}${path}`);
    return { status: r.status, body: (await r.json()) as T };
  }

  async post<T = Record<string, unknown>>(path: string, body: unknown): Promise<{ status: number; body: T }> {
    const r = await fetch(`${this.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as T };
  }

  /**
   * Sends `signal` and waits for the exit. A node that has not stopped `graceMs` after a
   * polite signal is killed (SIGKILL) and its output shows why: a test never hangs on a node
   * that does not stop (the exit code is then null, which tests of a clean stop see).
   */
  async kill(signal: NodeJS.Signals = "SIGKILL", graceMs = 20_000): Promise<number | null> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
    if (signal === "SIGKILL") return this.exited;
    const timer = setTimeout(() => {
      this.output += `\n[test harness: no exit ${graceMs} ms after ${signal}; SIGKILL]\n`;
      this.proc.kill("SIGKILL");
    }, graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
