/**
 * The built-in development network: every `telchain node --dev` derives the same genesis,
 * so dev nodes started separately join one network. Ten accounts dev0..dev9 from the
 * published test mnemonic are funded; each module adds the section it declares with
 * Module.devGenesis (e.g. the ENUM module's dev verifier).
 */
import { targetToBits } from "../chain/compact.js";
import type { GenesisConfig } from "../chain/genesis.js";
import { DEV_ACCOUNT_COUNT, devAccount } from "../crypto/mnemonic.js";
import { allModules } from "../modules/index.js";

export const DEV_CHAIN_ID = "telchain-dev";
/** 1 coin = 10^9 base units. */
export const BASE_UNITS_PER_COIN = 1_000_000_000n;
export const DEV_ACCOUNT_BALANCE = 1_000_000n * BASE_UNITS_PER_COIN;

export function devGenesis(modules: Record<string, unknown> = {}): GenesisConfig {
  return {
    chainId: DEV_CHAIN_ID,
    timestamp: 1_785_000_000, // 2026-07-25; fixed so all dev nodes agree
    // About 4,000 hashes per block: a few milliseconds of real proof of work. The dev node
    // paces its mining to the block time (Miner paceSeconds), so ASERT keeps this target and
    // an idle dev node barely uses the CPU; an unpaced miner (--no-pace) raises it.
    bits: targetToBits((1n << 256n) / 4_000n),
    params: {
      targetBlockTime: 2,
      halfLife: 120,
      powLimitBits: 0x207fffff,
      initialReward: 50n * BASE_UNITS_PER_COIN,
      halvingInterval: 0,
      minFeePerByte: 1n,
      maxBlockBytes: 2 * 1024 * 1024,
      maxBlockTxs: 20_000,
      maxFutureDrift: 60,
      medianTimeSpan: 11,
    },
    alloc: Array.from({ length: DEV_ACCOUNT_COUNT }, (_, i) => ({
      address: devAccount(i).publicKey,
      balance: DEV_ACCOUNT_BALANCE,
    })),
    modules: { ...moduleDevSections(), ...modules },
  };
}

/** The dev genesis sections the modules declare, by module name. */
function moduleDevSections(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of allModules()) if (m.devGenesis) out[m.name] = m.devGenesis();
  return out;
}
