/**
 * Runs the README's code blocks as a user would type them: parses a Markdown file's fenced
 * blocks into commands (`$ ` lines, with `\` continuations) and the output lines shown after
 * them, turns each output line into a pattern (values that vary — hashes, addresses, peer ids,
 * heights, pids, times, paths — become wildcards; labels, structure and the README's ports stay
 * literal), and runs the commands through bash in a working directory, in the foreground or as
 * background processes (each in its own process group, stopped like a terminal would: SIGINT,
 * or kill -9). Values the README shows in an output (an address printed by `wallet new`, a peer
 * id in a banner) are bound to what the real command printed and replace the README's value in
 * later commands and expectations.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

export interface MdLine {
  /** 1-based line number in the file. */
  n: number;
  text: string;
}

export interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lines: MdLine[];
}

export interface Step {
  file: string;
  /** 1-based line where the command starts. */
  line: number;
  /** The command as typed (continuations joined, `$ ` removed). */
  command: string;
  /** The output lines shown after it. */
  expect: MdLine[];
}

/** The fenced code blocks of a Markdown file, with their line numbers. */
export function codeBlocks(file: string, label = file): CodeBlock[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  let open: CodeBlock | undefined;
  lines.forEach((text, i) => {
    if (/^\s*```/.test(text)) {
      if (open) {
        blocks.push(open);
        open = undefined;
      } else open = { file: label, line: i + 1, lines: [] };
    } else if (open) open.lines.push({ n: i + 1, text });
  });
  return blocks;
}

/** The one block whose text contains `needle` (an error naming the file otherwise). */
export function findBlock(blocks: CodeBlock[], needle: string): CodeBlock {
  const found = blocks.filter((b) => b.lines.some((l) => l.text.includes(needle)));
  if (found.length === 0)
    throw new Error(`${blocks[0]?.file ?? "?"}: no code block contains ${JSON.stringify(needle)}`);
  return found[0];
}

/** The block right after `block` in the file. */
export function nextBlock(blocks: CodeBlock[], block: CodeBlock): CodeBlock {
  const i = blocks.indexOf(block);
  const next = blocks[i + 1];
  if (!next) throw new Error(`${block.file}:${block.line}: no code block after this one`);
  return next;
}

/**
 * The commands of a block. With `$ ` prompts, each prompt starts a command and the lines up to
 * the next prompt are its output; without any, every non-empty line is a command.
 */
export function stepsOf(block: CodeBlock): Step[] {
  const prompted = block.lines.some((l) => l.text.startsWith("$ "));
  const steps: Step[] = [];
  let cur: Step | undefined;
  let continuing = false;
  for (const l of block.lines) {
    if (continuing && cur) {
      cur.command += ` ${l.text.trim().replace(/\\$/, "").trim()}`;
      continuing = l.text.trimEnd().endsWith("\\");
      continue;
    }
    const isCommand = prompted ? l.text.startsWith("$ ") : l.text.trim() !== "";
    if (isCommand) {
      const text = prompted ? l.text.slice(2) : l.text;
      continuing = text.trimEnd().endsWith("\\");
      cur = { file: block.file, line: l.n, command: text.trimEnd().replace(/\\$/, "").trim(), expect: [] };
      steps.push(cur);
    } else if (cur && l.text.trim() !== "") cur.expect.push(l);
  }
  return steps;
}

/** Output lines of an output-only block (or a step), without the README's `...` elisions. */
export function shownLines(lines: MdLine[]): MdLine[] {
  return lines.filter((l) => l.text.trim() !== "" && l.text.trim() !== "...");
}

/** Ports the README's commands use as written: kept literal in patterns. */
export const README_TCP_PORTS = [8645, 8646, 8647, 8648, 8649, 8650, 8655, 8656];
export const README_DNS_PORTS = [5353, 5355, 5357, 5363];
const fixedPorts = new Set([...README_TCP_PORTS, ...README_DNS_PORTS]);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Tokens whose value varies from run to run; `bind` ones are captured for later commands. */
const VARYING: { re: RegExp; pattern: string; bind: boolean }[] = [
  // bech32m addresses
  { re: /^tel1[02-9ac-hj-np-z]{20,}/, pattern: "tel1[02-9ac-hj-np-z]+", bind: true },
  // a multiaddr with a peer id, whole
  {
    re: /^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/12D3KooW[1-9A-HJ-NP-Za-km-z]{44}/,
    pattern: "/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/12D3KooW[1-9A-Za-z]+",
    bind: true,
  },
  // libp2p peer ids (whole, or cut short by the CLI and then followed by "...")
  { re: /^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}/, pattern: "12D3KooW[1-9A-Za-z]+", bind: true },
  { re: /^12D3KooW[1-9A-HJ-NP-Za-km-z]+/, pattern: "12D3KooW[1-9A-Za-z]+", bind: false },
  // where the README's author had the repository, and node
  { re: /^\/work\/main/, pattern: "\\S*", bind: false },
  { re: /^\/usr\/bin\/node/, pattern: "\\S+", bind: false },
  // hashes (the README shortens some with "…": the CLI prints them whole)
  { re: /^[0-9a-f]{8,}…/, pattern: "[0-9a-f]+…?", bind: false },
  { re: /^[0-9a-f]{8,}/, pattern: "[0-9a-f]+", bind: false },
];

export interface LinePattern {
  source: MdLine;
  re: RegExp;
  /** README value → capture group index. */
  binds: [string, number][];
}

/**
 * A README output line as a pattern: varying values become wildcards (the README's ports and
 * values already bound stay literal), runs of spaces match any run of spaces, `...` matches
 * anything, and a wallet's mnemonic matches any words.
 */
export function linePattern(source: MdLine, bound: Map<string, string>): LinePattern {
  const text = source.text.trimEnd();
  let out = "";
  const binds: [string, number][] = [];
  let group = 0;
  let i = 0;
  const mnemonic = /^mnemonic {2,}/.exec(text);
  if (mnemonic) {
    return { source, re: /^mnemonic\s+[a-z]+(?: [a-z]+){11,23}$/, binds };
  }
  outer: while (i < text.length) {
    const rest = text.slice(i);
    for (const [readme, actual] of bound) {
      if (readme.length > 6 && rest.startsWith(readme)) {
        out += escapeRe(actual);
        i += readme.length;
        continue outer;
      }
    }
    for (const v of VARYING) {
      const m = v.re.exec(rest);
      const before = text[i - 1] ?? " ";
      if (m && !/[0-9A-Za-z]/.test(before)) {
        if (v.bind) {
          group++;
          binds.push([m[0], group]);
          out += `(${v.pattern})`;
        } else out += v.pattern;
        i += m[0].length;
        continue outer;
      }
    }
    if (rest.startsWith("...")) {
      out += ".*";
      i += 3;
      continue;
    }
    const ws = /^\s+/.exec(rest);
    if (ws) {
      out += "\\s+";
      i += ws[0].length;
      continue;
    }
    // A number (3, 0.2): any number, with or without decimals ("in 0.2s" may be "in 0.0s", "seconds=0").
    const num = /^\d+(?:\.\d+)?/.exec(rest);
    if (num) {
      const before = text.slice(Math.max(0, i - 5), i);
      // The README's ports stay as written; digits inside a word (e164, dev0) are not values.
      const port = fixedPorts.has(Number(num[0])) && /(:|tcp\/|port=)$/.test(before);
      const inWord = /[A-Za-z]$/.test(before);
      out += port || inWord ? escapeRe(num[0]) : "\\d+(?:\\.\\d+)?";
      i += num[0].length;
      continue;
    }
    out += escapeRe(text[i]);
    i++;
  }
  return { source, re: new RegExp(`^${out}$`), binds };
}

/** True when a README output line is a passphrase prompt (absent when $TELCHAIN_PASSPHRASE is set). */
export function isPassphrasePrompt(l: MdLine): boolean {
  return /passphrase.*: ?$/.test(l.text);
}

export function outputLines(output: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours
  return output.split(/\r?\n/).map((l) => l.replace(/\x1b\[[0-9;]*m/g, "").trimEnd());
}

/**
 * Matches each expected line against the output; binds the README values of matched lines.
 * Returns the lines not found.
 */
export function matchLines(
  output: string,
  expected: MdLine[],
  bound: Map<string, string>,
): { missing: LinePattern[] } {
  const lines = outputLines(output);
  const missing: LinePattern[] = [];
  for (const e of expected) {
    const p = linePattern(e, bound);
    const hit = lines.map((l) => p.re.exec(l)).find((m) => m !== null);
    if (!hit) {
      missing.push(p);
      continue;
    }
    for (const [readme, g] of p.binds) if (!bound.has(readme)) bound.set(readme, hit[g]);
  }
  return { missing };
}

/** Replaces README values bound earlier by the real ones. */
export function substitute(command: string, bound: Map<string, string>): string {
  let out = command;
  for (const [readme, actual] of bound) out = out.split(readme).join(actual);
  return out;
}

export function describeMissing(missing: LinePattern[], output: string): string {
  const tail = outputLines(output).slice(-40).join("\n");
  return `${missing
    .map((m) => `${m.source.n}: missing output line ${JSON.stringify(m.source.text)} (pattern ${m.re})`)
    .join("\n")}\n--- output (last 40 lines) ---\n${tail}`;
}

/** Which ports (the README's by default) are taken on 127.0.0.1: TCP for all, UDP too for DNS ports. */
export async function takenPorts(tcp = README_TCP_PORTS, dns = README_DNS_PORTS): Promise<string[]> {
  const taken: string[] = [];
  const tcpFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
  const udpFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const sock = createSocket("udp4");
      sock.once("error", () => {
        sock.close();
        resolve(false);
      });
      sock.bind(port, "127.0.0.1", () => sock.close(() => resolve(true)));
    });
  for (const p of [...tcp, ...dns]) if (!(await tcpFree(p))) taken.push(`127.0.0.1:${p}/tcp`);
  for (const p of dns) if (!(await udpFree(p))) taken.push(`127.0.0.1:${p}/udp`);
  return taken;
}

/** A command running in the background, in its own process group. */
export class Background {
  output = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  constructor(
    readonly step: Step,
    readonly command: string,
    readonly proc: ChildProcess,
  ) {
    proc.stdout?.on("data", (d) => {
      this.output += d;
    });
    proc.stderr?.on("data", (d) => {
      this.output += d;
    });
    this.exited = new Promise((resolve) => proc.once("exit", (code, signal) => resolve({ code, signal })));
  }
  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }
  /** Signals the whole process group, as a terminal's Ctrl-C does. */
  signal(sig: NodeJS.Signals): void {
    if (this.proc.pid === undefined) return;
    try {
      process.kill(-this.proc.pid, sig);
    } catch {
      // already gone
    }
  }
}

export class Shell {
  readonly background: Background[] = [];
  constructor(
    readonly cwd: string,
    readonly env: NodeJS.ProcessEnv,
    /** Applied to every command before it runs (e.g. `npx telchain` → `node bin/telchain.js`). */
    readonly rewrite: (command: string) => string = (c) => c,
    readonly bound = new Map<string, string>(),
  ) {}

  private spawn(command: string): ChildProcess {
    return spawn("bash", ["-c", command], {
      cwd: this.cwd,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
  }

  /** Runs a command to its end (≤ timeoutMs), checks its exit status 0 and its shown output. */
  async run(
    step: Step,
    opts: { command?: string; timeoutMs?: number; expect?: MdLine[] } = {},
  ): Promise<string> {
    const command = this.rewrite(substitute(opts.command ?? step.command, this.bound));
    const bg = new Background(step, command, this.spawn(command));
    const timer = setTimeout(() => bg.signal("SIGKILL"), opts.timeoutMs ?? 60_000);
    const { code, signal } = await bg.exited;
    clearTimeout(timer);
    const where = `${step.file}:${step.line}: \`${command}\``;
    const expected = shownLines(opts.expect ?? step.expect).filter((l) => !isPassphrasePrompt(l));
    // A command the README shows failing (`error [CODE]: ...`) exits with status 1.
    const wanted = expected.some((l) => l.text.startsWith("error [")) ? 1 : 0;
    if (code !== wanted)
      throw new Error(`${where} exited with ${code ?? signal}, not ${wanted}:\n${bg.output}`);
    const { missing } = matchLines(bg.output, expected, this.bound);
    if (missing.length > 0) throw new Error(`${where}:\n${describeMissing(missing, bg.output)}`);
    return bg.output;
  }

  /** Starts a command in the background. */
  start(step: Step, command = step.command): Background {
    const cmd = this.rewrite(substitute(command, this.bound));
    const bg = new Background(step, cmd, this.spawn(cmd));
    this.background.push(bg);
    return bg;
  }

  /** Waits (≤ timeoutMs) until every shown line is in a background command's output. */
  async waitFor(bg: Background, expect: MdLine[], timeoutMs = 60_000): Promise<void> {
    const expected = shownLines(expect).filter((l) => !isPassphrasePrompt(l));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const probe = new Map(this.bound);
      const { missing } = matchLines(bg.output, expected, probe);
      if (missing.length === 0) {
        for (const [k, v] of probe) this.bound.set(k, v);
        return;
      }
      const where = `${bg.step.file}:${bg.step.line}: \`${bg.command}\``;
      if (!bg.running)
        throw new Error(`${where} exited before printing:\n${describeMissing(missing, bg.output)}`);
      if (Date.now() > deadline)
        throw new Error(`${where}: after ${timeoutMs / 1000} s:\n${describeMissing(missing, bg.output)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Waits until `re` matches the output (≤ timeoutMs); returns the match. */
  async waitForText(bg: Background, re: RegExp, what: string, timeoutMs = 60_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = re.exec(bg.output);
      if (m) return m;
      if (!bg.running || Date.now() > deadline)
        throw new Error(
          `${bg.step.file}:${bg.step.line}: \`${bg.command}\`: ${what} (${re}) not seen${bg.running ? ` in ${timeoutMs / 1000} s` : "; it exited"}:\n${outputLines(bg.output).slice(-40).join("\n")}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Ctrl-C, then kill -9 what is left after `graceMs`; resolves when everything has exited. */
  async stopAll(graceMs = 15_000): Promise<void> {
    await Promise.all(
      this.background.map(async (bg) => {
        if (bg.running) bg.signal("SIGINT");
        const t = setTimeout(() => bg.signal("SIGKILL"), graceMs);
        await bg.exited;
        clearTimeout(t);
        // Nothing of the group survives its leader (a node whose npm was killed, say).
        bg.signal("SIGKILL");
      }),
    );
  }
}
