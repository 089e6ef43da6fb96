/**
 * The genesis block and its state, derived from the genesis config alone (balances, then each
 * module's genesis section), plus the config fingerprint that lets a reopened store skip the
 * derivation. Pure: the chain store writes the result.
 */
import { headerHash } from "../codec/hashing.js";
import type { Block, Header } from "../codec/schema.js";
import { encodeAddress } from "../crypto/address.js";
import { sha256, taggedHash, utf8 } from "../crypto/hash.js";
import { TelchainError } from "../errors.js";
import { type ModuleRegistry, modulePrefix } from "../module/registry.js";
import { Accounts } from "../state/accounts.js";
import { Overlay, prefixedView } from "../state/overlay.js";
import { StateDb } from "../state/state-db.js";
import type { StateView } from "../state/view.js";
import { type HeaderRecord, STATUS_VALID, workToBytes } from "./chain-store.js";
import { type GenesisConfig, genesisToJson } from "./genesis.js";
import { merkleRoot } from "./merkle.js";
import { workForBits } from "./pow.js";
import { BLOCK_VERSION } from "./validate-block.js";

/** Fingerprint of a genesis config (the hash of its canonical JSON). */
export function genesisFingerprint(g: GenesisConfig): Uint8Array {
  return sha256(utf8(JSON.stringify(genesisToJson(g, encodeAddress))));
}

/** The header record of the genesis block (encoded in `size` bytes): valid, its own work. */
export function genesisRecord(header: Header, size: number): HeaderRecord {
  return { header, work: workToBytes(workForBits(header.bits)), anchorTime: 0, status: STATUS_VALID, size };
}

/** Writes the genesis state into `state`: the funded accounts, then each module's section. */
export function writeGenesisState(state: StateView, g: GenesisConfig, modules: ModuleRegistry): void {
  const accounts = new Accounts(state);
  for (const a of g.alloc) accounts.credit(a.address, a.balance);
  for (const m of modules.all()) {
    m.genesis?.(
      {
        chainId: g.chainId,
        params: g.params,
        state: prefixedView(state, modulePrefix(m.name)),
        accounts,
      },
      g.modules[m.name],
    );
  }
  for (const name of Object.keys(g.modules)) {
    if (!modules.get(name))
      throw new TelchainError("GENESIS_INVALID", `genesis names unknown module ${name}`);
  }
}

/** The genesis block of `g` over a genesis state whose root is `stateRoot`. */
export function genesisBlockOver(
  g: GenesisConfig,
  stateRoot: Uint8Array,
): { block: Block; hash: Uint8Array } {
  const header: Header = {
    version: BLOCK_VERSION,
    // The genesis "parent" commits to the chain id, so each network has its own genesis hash.
    parent: taggedHash("telchain/genesis", utf8(g.chainId)),
    height: 0,
    timestamp: g.timestamp,
    txRoot: merkleRoot([]),
    stateRoot,
    bits: g.bits,
    miner: new Uint8Array(32),
    nonce: 0n,
  };
  return { block: { header, txs: [] }, hash: headerHash(header) };
}

/** The genesis block, its hash and its state (latin1 key -> value). */
export function buildGenesisBlock(
  g: GenesisConfig,
  modules: ModuleRegistry,
): { block: Block; hash: Uint8Array; changes: Map<string, Uint8Array | null> } {
  const overlay = new Overlay({ get: () => undefined });
  writeGenesisState(overlay, g, modules);
  return { ...genesisBlockOver(g, StateDb.rootOf(overlay.changes)), changes: overlay.changes };
}
