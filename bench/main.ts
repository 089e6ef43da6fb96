/**
 * telchain benchmark: block import and signature verification throughput, each set against the
 * machine's Ed25519 verification limit measured in the same run, and sync over the network
 * set against the local import of the same blocks; DNS against NSD; registry-scale lookups
 * (1M devices + 1M numbers) against the 1 ms p99 target; settlement: rating 1M usage records against
 * reading and parsing them; market: voucher transfers through block import against coin transfers, and one
 * block's clearing of a 10,000-order book; block propagation in a 10-node devnet against a 2-node one.
 * See `--help`.
 */
import { channelsFigures } from "./figures/channels.js";
import { dnsFigures } from "./figures/dns.js";
import { type ImportRun, measureStatelessCost, runImport } from "./figures/import.js";
import { marketClearingFigures } from "./figures/market-clearing.js";
import { propagationFigures } from "./figures/propagation.js";
import { registryFigures, registryScaleFigures } from "./figures/registry.js";
import { settlementFigures } from "./figures/settlement.js";
import { settlementNettingFigures } from "./figures/settlement-netting.js";
import { syncFigures } from "./figures/sync.js";
import { verifyPoolFigure } from "./figures/verify-pool.js";
import { vouchersImportFigures } from "./figures/vouchers-import.js";
import { type BenchOptions, parseOptions, selected, USAGE } from "./options.js";
import { progress } from "./progress.js";
import { measureEd25519Limit } from "./reference.js";
import { type Figure, figureAgainst, formatNumber, humanLine, jsonLine } from "./report.js";
import { buildWorkload } from "./workload.js";

function breakdown(
  cold: ImportRun,
  cached: ImportRun,
  stateless: { decode: number; validate: number },
): string[] {
  const perK = (s: number) => `${((s * 1000 * 1000) / cold.txs).toFixed(1)} ms`;
  const sig = Math.max(0, cold.seconds - cached.seconds);
  const pct = (s: number) => `${Math.round((s * 100) / cold.seconds)}%`;
  return [
    `import breakdown, per 1,000 txs (${formatNumber(cold.txs)} txs in ${cold.blocks} blocks):`,
    `  total (cold)                          ${perK(cold.seconds)}`,
    `  signature checks (cold - cached)      ${perK(sig)} (${pct(sig)})`,
    `  everything else (cached import)       ${perK(cached.seconds)} (${pct(cached.seconds)})`,
    `    of which stateless block checks     ${perK(stateless.validate)} (${pct(stateless.validate)}; tx encode, hashing, tx root; timed apart)`,
    `    of which execution + state + LMDB   ${perK(Math.max(0, cached.seconds - stateless.validate))} (by difference)`,
    `  (not in import: strict SSZ decode     ${perK(stateless.decode)})`,
  ];
}

async function run(opts: BenchOptions): Promise<void> {
  progress("reference: measuring the Ed25519 verify limit (openssl speed, libsodium)");
  const ref = measureEd25519Limit({ quick: opts.quick });
  progress(`reference: ${formatNumber(ref.value)} ${ref.unit} (${ref.notes})`);
  const figures: Figure[] = [];
  const extra: string[] = [];

  if (selected(opts, "verify-pool")) figures.push(await verifyPoolFigure(ref, opts));

  if (selected(opts, "import") || selected(opts, "import-cached")) {
    const size = opts.quick
      ? { blocks: 2, txsPerBlock: 500, senders: 500 }
      : { blocks: 10, txsPerBlock: 2_000, senders: 2_000 };
    const work = await buildWorkload(size);
    const shape = `${size.blocks} blocks x ${size.txsPerBlock} transfers`;
    let cold: ImportRun | undefined;
    let cached: ImportRun | undefined;
    if (selected(opts, "import")) {
      cold = await runImport(work, "import", false);
      figures.push(
        figureAgainst("import", cold.txPerSecond, "tx/s", ref, `${shape}, signatures verified in the pool`),
      );
    }
    if (selected(opts, "import-cached")) {
      cached = await runImport(work, "import-cached", true);
      figures.push(
        figureAgainst(
          "import-cached",
          cached.txPerSecond,
          "tx/s",
          ref,
          `${shape}, every signature in SigCache (prefilled with its (tx, key) entries; the prefill by hex tx hash used before matched no entry since key rotation and measured a cold import: the import line)`,
        ),
      );
    }
    if (cold && cached) extra.push(...breakdown(cold, cached, measureStatelessCost(work)));
  }

  if (selected(opts, "sync")) {
    const size = opts.quick
      ? { blocks: 3, txsPerBlock: 200, senders: 200 }
      : { blocks: 20, txsPerBlock: 1_000, senders: 1_000 };
    const work = await buildWorkload(size);
    figures.push(...(await syncFigures(work, `${size.blocks} blocks x ${size.txsPerBlock} transfers`)));
  }

  /** A group of figures that needs tools this machine may lack: a failure is reported, not fatal. */
  const attempt = async (name: string, measure: () => Promise<Figure[]>) => {
    try {
      figures.push(...(await measure()));
    } catch (e) {
      const why = (e as Error).message.split("\n")[0];
      process.stderr.write(`${name}: not measured: ${why}\n`);
      extra.push(`${name}: not measured: ${why}`);
    }
  };

  if (selected(opts, "dns")) {
    await attempt("dns", () =>
      dnsFigures(
        opts.quick ? { numbers: 2_000, seconds: 3, warmup: 1 } : { numbers: 100_000, seconds: 15, warmup: 8 },
      ),
    );
  }

  if (selected(opts, "registry")) {
    figures.push(
      ...(await registryFigures(
        opts.quick
          ? { devices: 20_000, numbers: 20_000, samples: 1_000, warmup: 200 }
          : { devices: 1_000_000, numbers: 1_000_000, samples: 5_000, warmup: 1_000 },
      )),
    );
  }

  if (selected(opts, "registry-scale")) {
    const sizes = opts.scale ?? (opts.quick ? [20_000, 40_000] : [1_000_000, 10_000_000]);
    figures.push(
      ...(await registryScaleFigures(sizes, opts.quick ? 1_000 : 5_000, opts.quick ? 200 : 1_000)),
    );
  }

  if (selected(opts, "settlement")) {
    figures.push(...(await settlementFigures({ quick: opts.quick })));
    figures.push(
      ...(await settlementNettingFigures({
        carriers: 100,
        pairs: 1_000,
        uncovered: 5,
        repeats: opts.quick ? 1 : 7,
      })),
    );
  }

  if (selected(opts, "channels")) figures.push(...(await channelsFigures(ref, { quick: opts.quick })));

  if (selected(opts, "market")) {
    figures.push(...(await vouchersImportFigures({ quick: opts.quick })));
    figures.push(
      ...(await marketClearingFigures(
        opts.quick
          ? { resting: 1_000, incoming: 100, repeats: 1 }
          : { resting: 10_000, incoming: 1_000, repeats: 5 },
      )),
    );
  }

  if (selected(opts, "propagation")) {
    await attempt("propagation", async () => {
      const res = await propagationFigures({ nodes: 10, referenceNodes: 2, blocks: opts.quick ? 5 : 50 });
      extra.push(...res.extra);
      return res.figures;
    });
  }

  if (opts.json) {
    for (const f of figures) process.stdout.write(`${jsonLine(f)}\n`);
  } else {
    process.stdout.write(`reference: ${ref.name} = ${formatNumber(ref.value)} ${ref.unit} (${ref.notes})\n`);
    for (const f of figures) process.stdout.write(`${humanLine(f)}\n`);
    for (const line of extra) process.stdout.write(`${line}\n`);
  }
}

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write(`${USAGE}\n`);
} else {
  let opts: BenchOptions | undefined;
  try {
    opts = parseOptions(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
  }
  if (opts) await run(opts);
}
