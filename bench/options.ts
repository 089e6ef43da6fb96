/** Command-line options of `npm run bench -- [--json] [--quick] [--only NAME]`. */

export const FIGURE_NAMES = [
  "verify-pool",
  "import",
  "import-cached",
  "sync",
  "dns",
  "registry",
  "settlement",
  "market",
  "channels",
] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

export interface BenchOptions {
  json: boolean;
  quick: boolean;
  only?: FigureName;
}

export const USAGE = `usage: node dist/bench/main.js [--json] [--quick] [--only ${FIGURE_NAMES.join("|")}]
  --json    one JSON object per figure on stdout (progress stays on stderr)
  --quick   small sizes, a few seconds (for tests)
  --only    run one figure (sync prints two lines: sync, sync-blocks; dns four: dns, dns-live, dns-p99, dns-lost;
            registry six: devices-p50, devices-p99, numbers-p50, numbers-p99, registry-rss, registry-disk;
            settlement: usage-rate beside reading and parsing the same CSV, and settlement-netting (ms of a netting block, 100 carriers, 1,000 pairs);
            market: vouchers-import (voucher transfers/s through block import, beside the coin-transfer import rate) and market-clearing (ms of one block's clearing, a book of 10,000 resting orders and 1,000 new ones);
            channels: channel-vouchers (vouchers signed and verified/s off chain, beside the Ed25519 verify limit) and proxy-throughput (MB/s through the metering proxy and its client, beside direct TCP))`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const opts: BenchOptions = { json: false, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") opts.json = true;
    else if (a === "--quick") opts.quick = true;
    else if (a === "--only" || a.startsWith("--only=")) {
      const name = a === "--only" ? argv[++i] : a.slice("--only=".length);
      if (!FIGURE_NAMES.includes(name as FigureName))
        throw new Error(`unknown figure ${JSON.stringify(name)}; figures: ${FIGURE_NAMES.join(", ")}`);
      opts.only = name as FigureName;
    } else throw new Error(`unknown argument ${JSON.stringify(a)}`);
  }
  return opts;
}

export function selected(opts: BenchOptions, name: FigureName): boolean {
  return opts.only === undefined || opts.only === name;
}
