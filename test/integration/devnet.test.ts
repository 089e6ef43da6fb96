/**
 * `telchain devnet` as the README shows it: started through a link to the CLI (as npx does),
 * its node stopped, and the printed restart command names the real CLI, not the link. The
 * node is killed by a signal (exitCode null, signalCode set), which devnet must count as gone.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { cliPath, freePort } from "../../src/testing/node-process.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-devnet-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("devnet prints a restart command with the real CLI path when a node stops, and exits 1 when none is left", async () => {
  const link = join(dir, "telchain");
  symlinkSync(cliPath(), link);
  const base = await freePort();
  const devnet = spawn(
    process.execPath,
    [link, "devnet", "--nodes", "1", "--base-port", String(base), "--datadir", join(dir, "net")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  devnet.stdout.on("data", (d) => {
    output += d;
  });
  devnet.stderr.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((r) => devnet.once("exit", (code) => r(code)));
  after(() => {
    if (devnet.exitCode === null && devnet.signalCode === null) devnet.kill("SIGINT");
  });

  await until("the devnet table", () => /node0 {2}pid (\d+)/.test(output));
  const pid = Number(/node0 {2}pid (\d+)/.exec(output)?.[1]);
  process.kill(pid, "SIGKILL");
  await until("the restart command", () => /Start it again with:\n {2}\S+/.test(output));
  const restart = /Start it again with:\n {2}(.+)\n/.exec(output)?.[1] ?? "";
  const [exe, script, ...args] = restart.split(" ");
  assert.equal(exe, process.execPath);
  assert.equal(script, realpathSync(cliPath()), restart);
  assert.deepEqual(args.slice(0, 2), ["node", "--dev"]);
  // Its only node gone, devnet stops with status 1.
  assert.equal(await exited, 1, output);
});
