/** Command-line options of `npm run bench -- [--json] [--quick] [--only NAME]`. */

export const FIGURE_NAMES = [
  "verify-pool",
  "import",
  "import-cached",
  "sync",
  "dns",
  "registry",
  "registry-scale",
  "settlement",
  "market",
  "channels",
  "propagation",
] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

export interface BenchOptions {
  json: boolean;
  quick: boolean;
  only?: FigureName;
  /** registry-scale: N devices + N numbers at each N (default 1,000,000 and 10,000,000). */
  scale?: number[];
}

export const USAGE = `usage: node dist/bench/main.js [--json] [--quick] [--only ${FIGURE_NAMES.join("|")}] [--scale N,N...]
  --json    one JSON object per figure on stdout (progress stays on stderr)
  --quick   small sizes, a few seconds (for tests)
  --only    run one figure (sync prints two lines: sync, sync-blocks; dns four: dns, dns-live, dns-p99, dns-lost;
            registry nine: devices-p50, devices-p99, numbers-p50, numbers-p99 (node:http client), devices-p99-fetch,
            numbers-p99-fetch (the fetch client of earlier releases), registry-rss, registry-disk (compacted) and
            registry-disk-loaded (as the bulk load left it);
            registry-scale four per size N: scale-N-p50, scale-N-p99 (both routes), scale-N-disk (bytes/record), scale-N-rss;
            settlement: usage-rate beside reading and parsing the same CSV, and settlement-netting (ms of a netting block, 100 carriers, 1,000 pairs);
            market: vouchers-import (voucher transfers/s through block import, beside the coin-transfer import rate) and market-clearing (ms of one block's clearing, a book of 10,000 resting orders and 1,000 new ones);
            channels: channel-vouchers (vouchers signed and verified/s off chain, beside the Ed25519 verify limit) and proxy-throughput (MB/s through the metering proxy and its client, beside direct TCP);
            propagation: propagation and propagation-p95 (ms from a block mined to the head of 95% of a 10-node devnet, p50 and p95, beside a 2-node network))
  --scale   registry-scale sizes, N devices + N numbers each (default 1000000,10000000; --quick 20000,40000);
            each datadir is built once (the 10M one takes tens of minutes) and reused`;

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
    } else if (a === "--scale" || a.startsWith("--scale=")) {
      const list = a === "--scale" ? argv[++i] : a.slice("--scale=".length);
      const sizes = (list ?? "").split(",").map(Number);
      if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n <= 0))
        throw new Error(`--scale wants sizes like 1000000,10000000, not ${JSON.stringify(list)}`);
      opts.scale = sizes;
    } else throw new Error(`unknown argument ${JSON.stringify(a)}`);
  }
  return opts;
}

export function selected(opts: BenchOptions, name: FigureName): boolean {
  return opts.only === undefined || opts.only === name;
}
