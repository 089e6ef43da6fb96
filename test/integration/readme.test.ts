/**
 * The README's flows that start a node, run as a user types them (issue 9, item 3): the code
 * blocks are read from README.md and docs/operating.md at test time, their commands run through
 * bash in a fresh working directory (a copy of the repository: package.json, with bin/, dist/
 * and node_modules/ linked), so `.telchain-dev` and friends land there, and the output lines
 * the README shows must appear (varying values as wildcards, see src/testing/readme.ts).
 *
 * The README's ports are fixed (8645…, DNS 5353…): when one is taken (a dev node of yours, a
 * test running beside this one) the tests are skipped with a line naming the ports.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, type TestContext, test } from "node:test";
import { repoRoot } from "../../src/testing/fixtures.js";
import {
  type CodeBlock,
  codeBlocks,
  findBlock,
  nextBlock,
  outputLines,
  Shell,
  type Step,
  stepsOf,
  takenPorts,
} from "../../src/testing/readme.js";
import { DIG, hasTool, type Tool } from "../../src/testing/tools.js";
import { sleep } from "../../src/testing/wait.js";

const CURL: Tool = { name: "curl", probe: ["--version"], install: "apt-get install curl" };

const root = repoRoot();
const readme = codeBlocks(join(root, "README.md"), "README.md");
const operating = codeBlocks(join(root, "docs", "operating.md"), "docs/operating.md");
const taken = await takenPorts();
const skip = taken.length > 0 ? `README ports in use: ${taken.join(", ")}` : false;

const dirs: string[] = [];
const shells: Shell[] = [];
after(async () => {
  for (const s of shells) await s.stopAll(5_000);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** `npx telchain` if npx resolves the repository's own bin there (offline), else `node bin/telchain.js`. */
let npxWorks: boolean | undefined;
function rewriteFor(dir: string): (c: string) => string {
  if (npxWorks === undefined) {
    // The probe gets its own npm cache: a failed try leaves an empty folder in the cache's _npx.
    const r = spawnSync("npx", ["--offline", "telchain", "--version"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 30_000,
      env: { ...process.env, npm_config_cache: join(dir, "npm-cache") },
    });
    npxWorks =
      r.status === 0 &&
      r.stdout.trim() === JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
    if (!npxWorks)
      console.log(
        `npx telchain does not resolve the local bin in a fresh copy offline (${(r.stderr ?? "").split("\n").find((l) => l.includes("error")) ?? r.status}): running node bin/telchain.js instead`,
      );
  }
  return npxWorks ? (c) => c : (c) => c.replace(/\bnpx telchain\b/g, "node bin/telchain.js");
}

/** A fresh working directory holding the repository, and a shell in it. */
function freshShell(name: string): Shell {
  const dir = mkdtempSync(join(tmpdir(), `telchain-readme-${name}-`));
  dirs.push(dir);
  copyFileSync(join(root, "package.json"), join(dir, "package.json"));
  for (const d of ["bin", "dist", "node_modules", "docs"]) symlinkSync(join(root, d), join(dir, d));
  const home = join(dir, "home");
  mkdirSync(home);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The keystore of this run, not the user's (README: `$TELCHAIN_HOME/keystore`).
    TELCHAIN_HOME: home,
    // README: "Wallet passphrases come from $TELCHAIN_PASSPHRASE or are asked for on the terminal."
    TELCHAIN_PASSPHRASE: "correct horse battery staple",
  };
  delete env.TELCHAIN_API;
  delete env.NODE_TEST_CONTEXT;
  const shell = new Shell(dir, env, rewriteFor(dir));
  shells.push(shell);
  return shell;
}

/**
 * A test of the docs' commands: skipped while the README's ports are taken, in a fresh shell
 * (folder `shell`) stopped after it; `body` gets the test context, the shell and its start time.
 */
function readmeTest(
  title: string,
  { shell, timeout }: { shell: string; timeout: number },
  body: (t: TestContext, sh: Shell, t0: number) => Promise<void>,
): void {
  test(title, { skip, timeout }, async (t) => {
    const t0 = started();
    const sh = freshShell(shell);
    t.after(() => sh.stopAll(5_000));
    await body(t, sh, t0);
  });
}

function only(block: CodeBlock, startsWith: string): Step {
  const s = stepsOf(block).find((x) => x.command.startsWith(startsWith));
  if (!s)
    throw new Error(`${block.file}:${block.line}: no command starting with ${JSON.stringify(startsWith)}`);
  return s;
}

const started = () => Date.now();
const took = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

readmeTest(
  "README quick start and 'Try it': npm start, wallet new, send, account, kill -9 and npm start again",
  { shell: "quick", timeout: 180_000 },
  async (t, sh, t0) => {
    // "npm install && npm start": the test runs in an installed repository, so only `npm start`.
    const quick = findBlock(readme, "npm install && npm start");
    const startStep = only(quick, "npm install && npm start");
    const banner = nextBlock(readme, quick);
    const node = sh.start(startStep, "npm start");
    await sh.waitFor(node, banner.lines);
    t.diagnostic(`README.md:${quick.line} npm start: banner and first block in ${took(t0)}`);

    const tryIt = findBlock(readme, "npx telchain wallet new");
    const [walletNew, send, account] = stepsOf(tryIt);
    assert.match(walletNew.command, /^npx telchain wallet new \w+$/);
    await sh.run(walletNew);
    const sendOut = await sh.run(send);
    const amount = /--amount (\d+)/.exec(send.command)?.[1];
    assert.ok(amount, `README.md:${send.line}: send without --amount`);
    assert.match(sendOut, new RegExp(`^sent ${amount} to `, "m"), `README.md:${send.line}`);
    const accountOut = await sh.run(account);
    assert.match(
      accountOut,
      new RegExp(`^balance\\s+${amount}$`, "m"),
      `README.md:${account.line}: the balance is the amount sent`,
    );
    t.diagnostic(`README.md:${tryIt.line} wallet new, send, account: done at ${took(t0)}`);

    // Kill the node hard and start it again.
    const restart = findBlock(readme, "kill -9 $(cat .telchain-dev/node.lock)");
    const [kill, again] = stepsOf(restart);
    const heightBefore = Number(/^height\s+(\d+)$/m.exec(sendOut)?.[1]);
    await sh.run(kill);
    const gone = await Promise.race([node.exited, sleep(15_000).then(() => "timeout" as const)]);
    assert.notEqual(
      gone,
      "timeout",
      `README.md:${kill.line}: npm start still running 15 s after kill -9 of the node`,
    );
    const node2 = sh.start(again);
    await sh.waitFor(node2, banner.lines);
    // "reopens its data directory ... and keeps mining on top": the banner's height is where it stopped.
    const reopened = Number(/^height\s+(\d+)$/m.exec(node2.output)?.[1]);
    assert.ok(
      reopened >= heightBefore,
      `README.md:${again.line}: restarted at height ${reopened} < ${heightBefore}`,
    );
    // "`npx telchain account <address>` shows the same balance."
    const prose = readFileSync(join(root, "README.md"), "utf8");
    const inline = /`(npx telchain account <address>)` shows the same balance/.exec(prose)?.[1];
    assert.ok(
      inline,
      "README.md: the sentence '`npx telchain account <address>` shows the same balance' is gone",
    );
    const address = sh.bound.get(/account (\S+)/.exec(account.command)?.[1] ?? "");
    assert.ok(address, "the address printed by wallet new");
    const after = await sh.run(account, {
      command: inline.replace("<address>", address),
      expect: account.expect,
    });
    assert.match(
      after,
      new RegExp(`^balance\\s+${amount}$`, "m"),
      "the same balance after kill -9 and restart",
    );
    await sh.stopAll();
    t.diagnostic(`README.md:${restart.line} kill -9 and npm start again, balance kept: done at ${took(t0)}`);
  },
);

readmeTest(
  "README 'Two dev nodes by hand': npm start, a second node with --peer, peers",
  { shell: "two", timeout: 180_000 },
  async (t, sh, t0) => {
    // The block before the second node's is the first node's `$ npm start` with its banner lines.
    const secondBlock = findBlock(readme, "--datadir .telchain-dev2");
    const firstNodeBlock = readme[readme.indexOf(secondBlock) - 1];
    const startStep = only(firstNodeBlock, "npm start");
    const a = sh.start(startStep);
    await sh.waitFor(a, startStep.expect);
    // A user reads the address and types the next command: the first node has mined by then.
    await sh.waitForText(a, /mined block 2\b/, "the first node's second block");
    const secondStep = only(secondBlock, "npx telchain node --dev --datadir .telchain-dev2");
    const b = sh.start(secondStep);
    await sh.waitFor(b, secondStep.expect);
    t.diagnostic(`README.md:${secondBlock.line} second node synced from the first and mined: ${took(t0)}`);

    const peersBlock = findBlock(readme, "$ npx telchain peers");
    const peers = only(peersBlock, "npx telchain peers");
    await sh.run(peers);
    // "agree on one head": both report the same head within a few blocks' time.
    const status = { file: "README.md", line: peers.line, command: "npx telchain status", expect: [] };
    let heads = "";
    for (let i = 0; i < 20; i++) {
      const x = await sh.run(status, { command: "npx telchain status --json --api http://127.0.0.1:8645" });
      const y = await sh.run(status, { command: "npx telchain status --json --api http://127.0.0.1:8655" });
      const hx = JSON.parse(x).head;
      const hy = JSON.parse(y).head;
      heads = `${hx} / ${hy}`;
      if (hx === hy) break;
      await sleep(500);
    }
    const [hx, hy] = heads.split(" / ");
    assert.equal(hx, hy, "the two nodes agree on one head");
    await sh.stopAll();
    t.diagnostic(`README.md:${peersBlock.line} peers and one head: done at ${took(t0)}`);
  },
);

readmeTest(
  "README devnet: devnet --nodes 3, send and status with --api, kill a node, its short-form restart, Ctrl-C",
  { shell: "devnet", timeout: 180_000 },
  async (t, sh, t0) => {
    const devnetBlock = findBlock(readme, "npx telchain devnet --nodes 3");
    const devnetStep = only(devnetBlock, "npx telchain devnet");
    const devnet = sh.start(devnetStep);
    await sh.waitFor(devnet, devnetStep.expect);
    t.diagnostic(`README.md:${devnetBlock.line} devnet running, table and sync lines: ${took(t0)}`);

    const sendBlock = findBlock(readme, "--amount 5 --api http://127.0.0.1:8649");
    const [send, status] = stepsOf(sendBlock);
    await sh.run(send);
    const ports = [
      8645,
      ...[...status.command.matchAll(/:(\d{4})\b/g)].map((m) => Number(m[1])).filter((p) => p !== 8645),
    ];
    assert.deepEqual(
      ports,
      [8645, 8647, 8649],
      `README.md:${status.line}: status on :8645 "and :8647, :8649"`,
    );
    // "all three show the same head": a block comes every 2 s, so three commands in a row can
    // straddle one; they agree when the heads are equal, or when the lowest head is the block at
    // that height on the others too.
    let seen = "";
    let agree = false;
    for (let i = 0; i < 10 && !agree; i++) {
      const heads: { port: number; height: number; head: string }[] = [];
      for (const port of ports) {
        const out = await sh.run(status, { command: status.command.replace(/:8645/, `:${port}`) });
        heads.push({
          port,
          height: Number(/^height\s+(\d+)$/m.exec(out)?.[1]),
          head: /^head\s+(\S+)$/m.exec(out)?.[1] ?? "",
        });
      }
      seen = heads.map((h) => `:${h.port} ${h.height} ${h.head.slice(0, 12)}`).join(", ");
      const low = heads.reduce((a, b) => (b.height < a.height ? b : a));
      agree = heads.every((h) => h.height - low.height <= 2);
      for (const h of heads)
        if (agree && h.port !== low.port) {
          const out = await sh.run(status, {
            command: `npx telchain block ${low.height} --api http://127.0.0.1:${h.port}`,
            expect: [],
          });
          agree = /^hash\s+(\S+)$/m.exec(out)?.[1] === low.head;
        }
      if (!agree) await sleep(1000);
    }
    assert.ok(agree, `README.md:${status.line}: the three nodes do not show the same head: ${seen}`);
    t.diagnostic(`README.md:${sendBlock.line} send via node2, same head on the three: ${took(t0)}`);

    // "Stop a node (its pid is in the table; `kill PID` stops it cleanly)": node2.
    const pid = Number(/^\s*node2\s+pid (\d+)/m.exec(devnet.output)?.[1]);
    assert.ok(pid > 0, "node2's pid in the devnet table");
    const exitedBlock = findBlock(readme, "node2 exited (code 0)");
    await sh.run({ file: "README.md", line: exitedBlock.line, command: `kill ${pid}`, expect: [] });
    await sh.waitFor(devnet, exitedBlock.lines);
    // The node0 keeps mining while node2 is down, so the restart has blocks to catch up on.
    const mined = () => (devnet.output.match(/\[node0\].*mined block/g) ?? []).length;
    const minedSoFar = mined();
    for (let i = 0; i < 100 && mined() < minedSoFar + 2; i++) await sleep(200);
    assert.ok(mined() >= minedSoFar + 2, "node0 mines on while node2 is down");

    const shortBlock = findBlock(readme, "--datadir .telchain-devnet/node2 --api 127.0.0.1:8649 --no-mine");
    const short = only(shortBlock, "npx telchain node --dev --datadir .telchain-devnet/node2");
    const node2 = sh.start(short);
    await sh.waitFor(node2, short.expect);
    t.diagnostic(`README.md:${shortBlock.line} short-form restart reopened and caught up: ${took(t0)}`);

    // "Ctrl-C on devnet stops all its nodes. The restarted node ... stop it with its own Ctrl-C."
    // A terminal's Ctrl-C signals the whole foreground process group: devnet and its nodes.
    node2.signal("SIGINT");
    devnet.signal("SIGINT");
    const [n2, dn] = await Promise.all([node2.exited, devnet.exited]);
    assert.equal(
      n2.code,
      0,
      `README.md:${short.line}: the restarted node stops with status 0 on Ctrl-C:\n${node2.output.slice(-2000)}`,
    );
    for (const m of devnet.output.matchAll(/^\s*node\d\s+pid (\d+)/gm)) {
      let alive = true;
      try {
        process.kill(Number(m[1]), 0);
      } catch {
        alive = false;
      }
      assert.equal(alive, false, `devnet node pid ${m[1]} still running after Ctrl-C`);
    }
    t.diagnostic(
      `devnet and the restarted node stopped with Ctrl-C (devnet ${dn.code ?? dn.signal}): done at ${took(t0)}`,
    );
    await t.test("Ctrl-C on devnet stops its nodes cleanly", () => {
      const unclean = outputLines(devnet.output).filter((l) => l.includes("without a clean stop"));
      assert.deepEqual(unclean, [], "devnet's Ctrl-C stops its nodes cleanly");
    });
  },
);

readmeTest(
  "README 'ENUM in two minutes' and 'Number portability and stolen phones', while npm start runs",
  { shell: "registries", timeout: 180_000 },
  async (t, sh, t0) => {
    const quick = findBlock(readme, "npm install && npm start");
    const node = sh.start(only(quick, "npm install && npm start"), "npm start");
    await sh.waitFor(node, nextBlock(readme, quick).lines);
    // "The dev accounts' addresses are printed when the dev node starts": <dev5 address> and friends.
    for (const m of node.output.matchAll(/^\s+(dev\d)\s+(tel1\w+)$/gm))
      sh.bound.set(`<${m[1]} address>`, m[2]);
    assert.ok(sh.bound.has("<dev5 address>"), "the banner lists dev5's address");
    for (const needle of [
      "npx telchain enum register +15551234567",
      "npx telchain carrier register --id AAA",
    ]) {
      const block = findBlock(readme, needle);
      let checked = 0;
      for (const step of stepsOf(block)) {
        const tool = step.command.startsWith("dig ")
          ? DIG
          : step.command.startsWith("curl ")
            ? CURL
            : undefined;
        if (tool && !hasTool(tool)) {
          t.diagnostic(
            `README.md:${step.line}: ${tool.name} not installed (${tool.install}): \`${step.command}\` not run`,
          );
          continue;
        }
        await sh.run(step);
        checked++;
      }
      t.diagnostic(`README.md:${block.line}: ${checked} commands run, done at ${took(t0)}`);
    }
    await sh.stopAll();
  },
);

readmeTest(
  "docs/operating.md: a second npm start with --datadir and --api; node --dev --dns 127.0.0.1:5353, then dig SOA",
  { shell: "dns", timeout: 120_000 },
  async (t, sh, t0) => {
    const block = findBlock(operating, "npx telchain node --dev --dns 127.0.0.1:5353");
    const [nodeStep, digStep] = stepsOf(block);
    const node = sh.start(nodeStep);
    await sh.waitFor(node, nodeStep.expect);
    // "`npm start` is `telchain node --dev`; extra flags go after `--`: `npm start -- --datadir
    // /tmp/dev2 --api 127.0.0.1:18645`": a second dev node beside the first, its DNS on 15353.
    const prose = readFileSync(join(root, "docs", "operating.md"), "utf8").split("\n");
    const at = prose.findIndex((l) => l.includes("`npm start -- --datadir"));
    const second = /`(npm start -- [^`]+)`/.exec(prose[at] ?? "")?.[1];
    assert.ok(second, "docs/operating.md: the `npm start -- ...` example is gone");
    const datadir = /--datadir (\S+)/.exec(second)?.[1] ?? "";
    const busy = await takenPorts([18645, 18646], [15353]);
    if (datadir.startsWith("/") && existsSync(datadir))
      t.diagnostic(`docs/operating.md:${at + 1}: ${datadir} exists (someone's data): \`${second}\` not run`);
    else if (busy.length > 0)
      t.diagnostic(`docs/operating.md:${at + 1}: ports in use: ${busy.join(", ")}: \`${second}\` not run`);
    else {
      if (datadir.startsWith("/")) t.after(() => rmSync(datadir, { recursive: true, force: true }));
      const step = { file: "docs/operating.md", line: at + 1, command: second, expect: [] };
      const two = sh.start(step);
      await sh.waitForText(two, /^api\s+http:\/\/127\.0\.0\.1:18645$/m, "the banner's api line");
      await sh.waitForText(two, /ENUM DNS server listening.*port=15353/, "DNS on the API port − 3292");
      // Ctrl-C: npm exits on the signal; the node stops cleanly and removes its lock file.
      two.signal("SIGINT");
      await two.exited;
      const lock = join(datadir.startsWith("/") ? datadir : join(sh.cwd, datadir), "node.lock");
      for (let i = 0; i < 50 && existsSync(lock); i++) await sleep(200);
      assert.equal(
        existsSync(lock),
        false,
        `docs/operating.md:${at + 1}: the node's lock file is removed on Ctrl-C`,
      );
      assert.doesNotMatch(two.output, /without a clean stop/);
      t.diagnostic(`docs/operating.md:${at + 1} second npm start beside the first: ${took(t0)}`);
    }
    if (hasTool(DIG)) {
      await sh.run(digStep);
      t.diagnostic(`docs/operating.md:${block.line} node with --dns and dig SOA: ${took(t0)}`);
    } else
      t.diagnostic(
        `docs/operating.md:${digStep.line}: dig not installed (${DIG.install}): only the node's "listening" line checked`,
      );
    await sh.stopAll();
  },
);
