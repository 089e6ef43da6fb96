/**
 * Figure `settlement-netting` (group `settlement`): the cost of a netting block — the import of
 * the last block of a cycle whose ledger holds `pairs` (buyer, seller) obligations among
 * `carriers` carriers — against the import of an ordinary empty block on the same chain, in the
 * same run (the block's other work: header, PoW, state commit). The notes add the floor: a plain
 * pass reading the same obligations and each carrier's collateral once, from an equally cold state.
 *
 * The state is written by a bench-only genesis of the settlement module (the ledger's own
 * addObligation and the collateral store), with cycleBlocks = 2 so that block 1 nets cycle 0.
 * Collateral covers most debtors; `uncovered` carriers have none, so the netting also removes
 * defaulters (round after round) and carries their pairs, as a real cycle may.
 */
import type { GenesisConfig } from "../../src/chain/genesis.js";
import type { GenesisContext, Module } from "../../src/module/interface.js";
import { modulePrefix } from "../../src/module/registry.js";
import { allModules } from "../../src/modules/index.js";
import { addObligation, readObligations } from "../../src/modules/settlement/ledger.js";
import { readCollateral, readSummary, writeCollateral } from "../../src/modules/settlement/netting/store.js";
import { ParamsEntry } from "../../src/modules/settlement/schemas.js";
import { PARAMS_KEY } from "../../src/modules/settlement/store.js";
import { prefixedReader } from "../../src/state/overlay.js";
import { TestChain, testGenesis } from "../../src/testing/chain-harness.js";
import { seededRandom as random } from "../../src/testing/seeded-random.js";
import { progress } from "../progress.js";
import { type Figure, figureAgainst } from "../report.js";

export interface NettingSize {
  carriers: number;
  pairs: number;
  /** Carriers with no collateral (their debit is never covered). */
  uncovered: number;
  /** Fresh chains measured; the median is reported. */
  repeats: number;
}

const carrierId = (i: number) => `C${String(i).padStart(3, "0")}`;

/** The settlement genesis of the bench: cycleBlocks 2, `pairs` obligations in cycle 0, collateral. */
function nettingGenesis(ctx: GenesisContext, config: unknown): void {
  const size = (config as { bench: NettingSize }).bench;
  ctx.state.set(PARAMS_KEY, ParamsEntry.serialize({ cycleBlocks: 2, minPeriodSeconds: 60 }));
  const next = random(11);
  const seen = new Set<string>();
  while (seen.size < size.pairs) {
    const buyer = Math.floor(next() * size.carriers);
    const seller = Math.floor(next() * size.carriers);
    const key = `${buyer}/${seller}`;
    if (buyer === seller || seen.has(key)) continue;
    seen.add(key);
    addObligation(
      ctx.state,
      0,
      carrierId(buyer),
      carrierId(seller),
      BigInt(1 + Math.floor(next() * 1_000_000)),
    );
  }
  for (let i = size.uncovered; i < size.carriers; i++) writeCollateral(ctx.state, carrierId(i), 50_000_000n);
}

function modules(): Module[] {
  return allModules().map((m) => (m.name === "settlement" ? { ...m, genesis: nettingGenesis } : m));
}

function genesis(size: NettingSize): GenesisConfig {
  const g = testGenesis();
  g.chainId = "telchain-bench-netting";
  g.modules = { settlement: { bench: size } };
  return g;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed<T>(f: () => Promise<T> | T): Promise<number> {
  const start = performance.now();
  await f();
  return performance.now() - start;
}

export async function settlementNettingFigures(size: NettingSize): Promise<Figure[]> {
  const netting: number[] = [];
  const plain: number[] = [];
  const reads: number[] = [];
  let shape = "";
  for (let r = 1; r <= size.repeats; r++) {
    progress(`settlement-netting: run ${r}/${size.repeats} (${size.carriers} carriers, ${size.pairs} pairs)`);
    // The blocks are mined on one chain and imported, timed, into another from the same genesis.
    const producer = TestChain.create(genesis(size), undefined, modules());
    const measured = TestChain.create(genesis(size), undefined, modules());
    try {
      // the floor, on a chain as cold as the measured one (before it mines anything)
      const state = prefixedReader(producer.chain.state, modulePrefix("settlement"));
      reads.push(
        await timed(() => {
          const carriers = new Set<string>();
          for (const o of readObligations(state, 0)) carriers.add(o.buyer).add(o.seller);
          for (const c of carriers) readCollateral(state, c);
        }),
      );
      const nettingBlock = producer.template();
      await producer.chain.importBlock(nettingBlock);
      const plainBlock = producer.template();
      measured.clock = producer.clock;
      netting.push(await timed(() => measured.chain.importBlock(nettingBlock)));
      plain.push(await timed(() => measured.chain.importBlock(plainBlock)));
      const summary = readSummary(prefixedReader(measured.chain.state, modulePrefix("settlement")), 0);
      if (!summary || summary.carriers !== size.carriers)
        throw new Error(
          `the netting block did not net the cycle (summary ${JSON.stringify(summary?.carriers)})`,
        );
      shape =
        `${size.carriers} carriers, ${size.pairs} pairs, ${summary.defaulters} defaulters, ${summary.rounds} rounds, ` +
        `${summary.carriedVolume > 0n ? "some pairs carried" : "nothing carried"}`;
    } finally {
      await producer.close();
      await measured.close();
    }
  }
  const ref = {
    name: "plain block import",
    value: median(plain),
    unit: "ms",
    notes: "an empty block without netting on the same chain",
  };
  return [
    figureAgainst(
      "settlement-netting",
      median(netting),
      "ms",
      ref,
      `${shape}; median of ${size.repeats}; reading the same obligations and collaterals alone: ${median(reads).toFixed(2)} ms`,
    ),
  ];
}
