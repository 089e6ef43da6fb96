/**
 * The registry figure's state: `devices` registered devices and `numbers` active numbers,
 * written through the modules' own store functions (same keys, values and history events as
 * devices/register and numbers/claim + confirm would leave), so the real GET routes read a
 * realistic state. Benchmark only: the devices and numbers modules get a genesis section
 * `{ benchRecords: N }` here that derives N records from their index, which keeps the genesis
 * config (and its fingerprint) tiny instead of a 2-million-entry JSON list.
 */
import type { GenesisConfig } from "../../src/chain/genesis.js";
import { publicKeyFromSeed } from "../../src/crypto/ed25519.js";
import type { GenesisContext, Module } from "../../src/module/interface.js";
import { ModuleRegistry } from "../../src/module/registry.js";
import { INDEX_PRESENT } from "../../src/module/store.js";
import {
  DeviceEntry,
  HistoryEvent as DeviceHistoryEvent,
  eventIndex,
} from "../../src/modules/devices/schemas.js";
import { byOwner, historyKey as deviceHistoryKey, deviceKey } from "../../src/modules/devices/store.js";
import { allModules } from "../../src/modules/index.js";
import { NumberRecord } from "../../src/modules/numbers/schemas.js";
import { appendHistory, byCarrier, byHolder, numberKey } from "../../src/modules/numbers/store.js";
import { luhnCheckDigit } from "../../src/telephony/imei.js";
import { testGenesis } from "../../src/testing/chain-harness.js";

export interface RegistrySize {
  devices: number;
  numbers: number;
}

/** Registered IMEIs are TAC 35 + 12-digit serial i + Luhn digit; unknown ones use TAC 86. */
export function imeiOf(i: number, known = true): string {
  const body = `${known ? "35" : "86"}${String(i).padStart(12, "0")}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/**
 * Registered numbers: +1 212 2xx xxxx for i < 10^6, +1 213 2xx xxxx for the next million, and so
 * on (area code 212 + i / 10^6); unknown ones have 3 where registered ones have 2.
 */
export function numberOf(i: number, known = true): string {
  const area = 212 + Math.floor(i / 1_000_000);
  if (area > 999) throw new Error("at most 788,000,000 registry numbers");
  return `+1${area}${known ? "2" : "3"}${String(i % 1_000_000).padStart(6, "0")}`;
}

/** Called every PROGRESS_EVERY records the bench genesis writes (devices, then numbers). */
let onRecords: ((written: number) => void) | undefined;
let written = 0;
const PROGRESS_EVERY = 100_000;

/** Reports the bulk load's progress: `report(records written so far)`. */
export function reportRegistryProgress(report: (written: number) => void): void {
  onRecords = report;
}

function recordWritten(): void {
  if (++written % PROGRESS_EVERY === 0) onRecords?.(written);
}

const OWNER = publicKeyFromSeed(new Uint8Array(32).fill(44));
const CARRIER = "BENCHTEL";
const ROUTING = "1212555";
const REGISTERED_AT = 1;

function count(config: unknown): number {
  const n = (config as { benchRecords?: unknown } | undefined)?.benchRecords;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw new Error("benchRecords must be a count");
  return n;
}

function devicesGenesis(ctx: GenesisContext, config: unknown): void {
  const n = count(config);
  const event = DeviceHistoryEvent.serialize({
    event: eventIndex("registered"),
    height: REGISTERED_AT,
    reason: 0,
    by: "",
  });
  // Every device has the same entry: serialized once (loading 10^6 of them is setup, not measured).
  const entry = DeviceEntry.serialize({
    owner: OWNER,
    registeredAt: REGISTERED_AT,
    flagged: false,
    reason: 0,
    flaggedBy: "",
    evidence: new Uint8Array(32),
    since: REGISTERED_AT,
    events: 1,
  });
  for (let i = 0; i < n; i++) {
    const imei = imeiOf(i);
    ctx.state.set(deviceKey(imei), entry);
    ctx.state.set(deviceHistoryKey(imei, 0), event);
    ctx.state.set(byOwner.key(OWNER, imei), INDEX_PRESENT);
    recordWritten();
  }
}

function numbersGenesis(ctx: GenesisContext, config: unknown): void {
  const n = count(config);
  const record = NumberRecord.serialize({
    holder: OWNER,
    carrier: CARRIER,
    routingNumber: ROUTING,
    active: true,
    ported: false,
    deposit: 10_000_000_000n,
    claimedAt: REGISTERED_AT,
    confirmBy: REGISTERED_AT + 5_000,
    confirmedAt: REGISTERED_AT,
  });
  for (let i = 0; i < n; i++) {
    const digits = numberOf(i).slice(1);
    ctx.state.set(numberKey(digits), record);
    ctx.state.set(byHolder.key(OWNER, digits), INDEX_PRESENT);
    ctx.state.set(byCarrier.key(CARRIER, digits), INDEX_PRESENT);
    appendHistory(ctx.state, digits, {
      kind: "confirmed",
      height: REGISTERED_AT,
      toCarrier: CARRIER,
      routingNumber: ROUTING,
    });
    recordWritten();
  }
}

/** All modules, devices and numbers with the bench genesis above instead of their own. */
export function registryModules(): ModuleRegistry {
  const bench: Record<string, Module["genesis"]> = { devices: devicesGenesis, numbers: numbersGenesis };
  return new ModuleRegistry(allModules().map((m) => (bench[m.name] ? { ...m, genesis: bench[m.name] } : m)));
}

export function registryGenesis(size: RegistrySize): GenesisConfig {
  const g = testGenesis();
  g.chainId = "telchain-bench-registry";
  g.modules = { devices: { benchRecords: size.devices }, numbers: { benchRecords: size.numbers } };
  return g;
}
