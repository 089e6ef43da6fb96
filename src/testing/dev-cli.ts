/**
 * Test harness for module CLI tests: a real dev node process (with an easier first target so
 * blocks come quickly), and the real CLI run as a subprocess against it.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { targetToBits } from "../chain/compact.js";
import { devAccount } from "../crypto/mnemonic.js";
import { devGenesis } from "../node/dev-genesis.js";
import type { AccountView } from "../node/types.js";
import { repoRoot } from "./fixtures.js";
import { cliPath, NodeProcess, writeGenesis } from "./node-process.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `telchain ARGS…` as a subprocess to its end, with `env` and from `cwd` (the repository
 * root by default); asynchronous, so an API server in the calling process can answer it.
 */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  cwd = repoRoot(),
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath(), ...args], { cwd, env }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

export class DevCliHarness {
  private constructor(
    readonly dir: string,
    readonly node: NodeProcess,
    readonly env: Record<string, string | undefined>,
  ) {}

  /** Starts a dev node in a fresh temp folder (prefix names the test) with its own TELCHAIN_HOME. */
  static async start(prefix: string): Promise<DevCliHarness> {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const genesis = writeGenesis(dir, { ...devGenesis(), bits: targetToBits((1n << 256n) / 20_000n) });
    const home = join(dir, "home");
    // Unpaced, so the CLI flows under test do not wait a block time per block.
    const node = await NodeProcess.start(
      ["--dev", "--no-pace", "--genesis", genesis, "--datadir", join(dir, "data")],
      {
        TELCHAIN_HOME: home,
      },
    );
    assert.ok(await node.ready(), `node did not start:\n${node.output}`);
    const { TELCHAIN_API: _ignored, ...inherited } = process.env;
    return new DevCliHarness(dir, node, { ...inherited, TELCHAIN_HOME: home, TELCHAIN_API: node.url });
  }

  /** Runs `telchain ARGS…` against the node (TELCHAIN_API points at it). */
  cli(...args: string[]): Promise<CliRun> {
    return runCli(args, this.env);
  }

  async stop(): Promise<void> {
    await this.node.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The dev node of a CLI test file, started before its tests and stopped after them. */
export interface DevCliFile {
  /** The running harness (from the tests on). */
  readonly h: DevCliHarness;
  /** Runs `telchain ARGS…` against the node. */
  cli(...args: string[]): Promise<CliRun>;
  /** The pending nonce of dev account `i` at the node (to see that nothing was sent). */
  nonce(i: number): Promise<number>;
  /** The balance of dev account `i` at the node's head (base units). */
  coins(i: number): Promise<bigint>;
  /** The node's head height. */
  head(): Promise<number>;
  /** Waits until the head reaches height `h` (fails after `timeoutMs`). */
  waitForHead(h: number, timeoutMs?: number): Promise<void>;
}

/** Call at a CLI test file's top level; the prefix names the test's temp folder. */
export function devCliFile(prefix: string): DevCliFile {
  let started: DevCliHarness | undefined;
  before(async () => {
    started = await DevCliHarness.start(prefix);
  });
  after(() => started?.stop());
  const file = {
    get h(): DevCliHarness {
      assert.ok(started, "the dev node starts before the tests");
      return started;
    },
    cli: (...args: string[]) => file.h.cli(...args),
    nonce: async (i: number) =>
      (await file.h.node.get<AccountView>(`/v1/accounts/${devAccount(i).address}`)).body.pendingNonce,
    coins: async (i: number) =>
      BigInt((await file.h.node.get<AccountView>(`/v1/accounts/${devAccount(i).address}`)).body.balance),
    head: async () => (await file.h.node.get<{ height: number }>("/v1/status")).body.height,
    async waitForHead(h: number, timeoutMs = 90_000): Promise<void> {
      const until = Date.now() + timeoutMs;
      while ((await file.head()) < h) {
        assert.ok(Date.now() < until, `the node did not reach height ${h}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
  return file;
}

/** The one JSON object a successful `--json` command prints. */
export function json(run: CliRun): Record<string, unknown> {
  assert.equal(run.code, 0, `exit 0 expected; stderr: ${run.stderr}`);
  const lines = run.stdout.trim().split("\n");
  assert.equal(lines.length, 1, "--json prints exactly one line");
  return JSON.parse(lines[0]);
}

/** The error of a refused `--json` command: exit 1, nothing on stdout, `{ error }` last on stderr. */
export function refusal(run: CliRun): { code: string; message: string } {
  assert.equal(run.code, 1, `exit 1 expected; stdout: ${run.stdout}`);
  assert.equal(run.stdout, "");
  return (
    JSON.parse(run.stderr.trim().split("\n").at(-1) ?? "") as { error: { code: string; message: string } }
  ).error;
}

export function refusalCode(run: CliRun): string {
  return refusal(run).code;
}

/**
 * A command line as words: the template's text split at white space, each `${value}` one word
 * as it is (so a name with spaces stays one argument).
 *
 *   cli(...words`voucher class create --name ${"1 GB EU data"} --from dev0 --json`)
 */
export function words(text: TemplateStringsArray, ...values: unknown[]): string[] {
  const out: string[] = [];
  text.forEach((part, i) => {
    out.push(...part.split(/\s+/).filter((w) => w !== ""));
    if (i < values.length) out.push(String(values[i]));
  });
  return out;
}
