import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseOptions } from "./options.js";
import { figureAgainst, humanLine } from "./report.js";

const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));

/** The figures `--json --only NAME --quick` prints, one JSON object a line, and its stderr. */
function quickFigures(
  name: string,
  timeoutMs = 120_000,
): { figs: Record<string, number | string>[]; stderr: string } {
  const res = spawnSync(process.execPath, [MAIN, "--json", "--only", name, "--quick"], {
    encoding: "utf8",
    timeout: timeoutMs,
  });
  assert.equal(res.status, 0, res.stderr);
  const figs = res.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, number | string>);
  return { figs, stderr: res.stderr };
}

/** A figure's value, reference and ratio are positive numbers, the ratio value / reference. */
function assertRatio(fig: Record<string, unknown>, label = ""): void {
  for (const key of ["value", "reference", "ratio"]) {
    assert.equal(typeof fig[key], "number", `${label}${key}`);
    assert.ok((fig[key] as number) > 0, `${label}${key} > 0`);
  }
  assert.ok(Math.abs((fig.ratio as number) - (fig.value as number) / (fig.reference as number)) < 1e-9);
}

test("--json --only verify-pool --quick prints one parseable figure per line on stdout", () => {
  const { figs, stderr } = quickFigures("verify-pool");
  assert.equal(figs.length, 1);
  for (const fig of figs) {
    assert.equal(fig.name, "verify-pool");
    assertRatio(fig);
  }
  assert.match(stderr, /verify-pool/); // progress goes to stderr
});

test("--only sync --quick --json prints sync (tx/s) and sync-blocks (blocks/s) against the local import", () => {
  const { figs, stderr } = quickFigures("sync");
  assert.deepEqual(
    figs.map((f) => [f.name, f.unit, f.referenceUnit, f.referenceName]),
    [
      ["sync", "tx/s", "tx/s", "local import"],
      ["sync-blocks", "blocks/s", "blocks/s", "local import"],
    ],
  );
  for (const f of figs) assertRatio(f, `${f.name} `);
  // 3 blocks of 200 transfers: the tx rate is 200 times the block rate, for both the sync and the reference.
  assert.ok(Math.abs((figs[0].value as number) / (figs[1].value as number) - 200) < 1e-6);
  assert.ok(Math.abs((figs[0].reference as number) / (figs[1].reference as number) - 200) < 1e-6);
  assert.match(stderr, /sync: caught up in/);
});

test("--only settlement --quick --json prints usage-rate (records/s) against reading and parsing the same CSV, then the netting block", () => {
  const { figs, stderr } = quickFigures("settlement");
  assert.deepEqual(
    figs.map((f) => [f.name, f.unit, f.referenceUnit, f.referenceName]),
    [
      ["usage-rate", "records/s", "records/s", "read + parse, no rating"],
      ["settlement-netting", "ms", "ms", "plain block import"],
    ],
  );
  assertRatio(figs[0]);
  assert.match(stderr, /usage-rate: rated in/);
});

test("an unknown figure name is refused with exit code 2", () => {
  const res = spawnSync(process.execPath, [MAIN, "--only", "nope"], { encoding: "utf8", timeout: 30_000 });
  assert.equal(res.status, 2);
  assert.equal(res.stdout, "");
  assert.match(res.stderr, /unknown figure "nope"/);
});

test("parseOptions reads flags and both --only forms", () => {
  assert.deepEqual(parseOptions([]), { json: false, quick: false });
  assert.deepEqual(parseOptions(["--json", "--only", "import"]), {
    json: true,
    quick: false,
    only: "import",
  });
  assert.equal(parseOptions(["--only=import-cached", "--quick"]).only, "import-cached");
  assert.throws(() => parseOptions(["--fast"]), /unknown argument/);
});

test("--scale takes registry-scale sizes (both forms) and refuses anything but positive integers", () => {
  assert.deepEqual(
    parseOptions(["--only", "registry-scale", "--scale", "1000000,3000000"]).scale,
    [1_000_000, 3_000_000],
  );
  assert.deepEqual(parseOptions(["--scale=20000"]).scale, [20_000]);
  assert.throws(() => parseOptions(["--scale", "1e6x"]), /--scale wants sizes/);
  assert.throws(() => parseOptions(["--scale", "0"]), /--scale wants sizes/);
  assert.throws(() => parseOptions(["--scale"]), /--scale wants sizes/);
});

test("humanLine shows value, reference and ratio", () => {
  const ref = { name: "limit", value: 20_000, unit: "verify/s", notes: "" };
  const line = humanLine(figureAgainst("import", 5_000, "tx/s", ref));
  assert.match(line, /^import\s+5,000 tx\/s\s+reference: 20,000 verify\/s \(limit\)\s+ratio: 0\.25$/);
});

test("--only channels --quick --json prints channel-vouchers (beside the Ed25519 limit) and proxy-throughput (beside direct TCP)", () => {
  const { figs } = quickFigures("channels");
  assert.deepEqual(
    figs.map((f) => [f.name, f.unit]),
    [
      ["channel-vouchers", "vouchers/s"],
      ["proxy-throughput", "MB/s"],
    ],
  );
  for (const f of figs) assertRatio(f, `${f.name}: `);
});

/** Node processes whose arguments name a propagation devnet's folder. */
function devnetProcesses(): string[] {
  const ps = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" });
  return ps.split("\n").filter((l) => l.includes("telchain-bench-prop-"));
}

test("--only propagation --quick --json prints propagation and propagation-p95 (ms) beside a 2-node network, and leaves no node running", () => {
  const { figs, stderr } = quickFigures("propagation", 300_000);
  assert.deepEqual(
    figs.map((f) => [f.name, f.unit, f.referenceUnit, f.referenceName]),
    [
      ["propagation", "ms", "ms", "2-node network, p50"],
      ["propagation-p95", "ms", "ms", "2-node network, p95"],
    ],
    stderr,
  );
  const [p50, p95] = figs as Record<string, number>[];
  for (const f of [p50, p95]) assert.ok(f.value >= 0 && f.reference >= 0);
  assert.ok(p50.value <= p95.value && p50.reference <= p95.reference);
  // Progress per block for both networks, and every node stopped.
  assert.match(stderr, /propagation: 2 nodes: block 5\/5 \(height \d+\) at 2\/2 nodes after \d+ ms/);
  assert.match(stderr, /propagation: 10 nodes: block 5\/5 \(height \d+\) at 10\/10 nodes after \d+ ms/);
  assert.equal(stderr.match(/stopped every node/g)?.length, 2);
  assert.deepEqual(devnetProcesses(), []);
});
