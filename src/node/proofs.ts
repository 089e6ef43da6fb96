/**
 * What the node answers a light client with: a state key's value with its Merkle proof against
 * the head's state root (an account, any module's record by its declared proofs), the main
 * chain's headers from a height, and the parameters that check them from genesis. The module
 * records are found only through Module.proofs (src/module/proof.ts): the core knows no module.
 */

import { DEFAULT_HEADERS, MAX_HEADERS } from "../api/schemas.js";
import { concatBytes, toHex } from "../bytes.js";
import type { Chain } from "../chain/chain.js";
import { Header } from "../codec/schema.js";
import { TelchainError } from "../errors.js";
import type { Module } from "../module/interface.js";
import { proofFor } from "../module/proof.js";
import { modulePrefix } from "../module/registry.js";
import { bucketOf, keyHash } from "../state/commitment.js";
import { buildProof, type StateProof } from "../state/proof.js";
import type { ChainInfo, HeadersView, ModuleProofView } from "./types.js";

/** A state key's value at the head (undefined: absent) with its proof and the head it is against. */
export function proveStateKey(
  chain: Chain,
  key: Uint8Array,
): { value: Uint8Array | undefined; proof: StateProof; block: ModuleProofView["block"] } {
  const value = chain.state.get(key);
  const head = chain.head();
  const proof = buildProof(
    chain.state.commitment(),
    key,
    value,
    chain.state.bucketEntries(bucketOf(keyHash(key))),
  );
  return {
    value,
    proof,
    block: { height: head.header.height, hash: toHex(head.hash), stateRoot: toHex(head.header.stateRoot) },
  };
}

const shown = (s: string) => JSON.stringify(s.slice(0, 40));

/**
 * A module record by id (`rawId` in the module's own terms), present or absent, with its proof.
 * Throws PROOF_UNKNOWN_MODULE (no such module, or one that declares no proofs),
 * PROOF_UNKNOWN_RECORD, or the record's own parse error for a malformed id.
 */
export function moduleProof(
  chain: Chain,
  module: Module | undefined,
  name: string,
  rawId: string,
  record?: string,
): ModuleProofView {
  const proofs = module?.proofs ?? [];
  if (!module || proofs.length === 0)
    throw new TelchainError("PROOF_UNKNOWN_MODULE", `no module ${shown(name)} with provable records`);
  const proof = proofFor(proofs, record);
  if (!proof) {
    const known = proofs.map((p) => p.record).join(", ");
    throw new TelchainError(
      "PROOF_UNKNOWN_RECORD",
      `module ${module.name} has no provable record ${shown(record ?? "")}; it has: ${known}`,
    );
  }
  const id = proof.param.parse(rawId);
  const key = concatBytes(modulePrefix(module.name), proof.key(id));
  const { value, proof: stateProof, block } = proveStateKey(chain, key);
  return {
    module: module.name,
    record: proof.record,
    id,
    key: toHex(key),
    value: value === undefined ? null : toHex(value),
    decoded: value === undefined ? null : proof.value.toJson(proof.value.deserialize(value)),
    block,
    proof: stateProof,
  };
}

/**
 * Main-chain headers from height `from`, at most `count` (1 … MAX_HEADERS), with the tip. `from`
 * may be the tip's height + 1 (no headers: nothing new); past that it is BAD_RANGE, as are a
 * negative `from` and a `count` out of range.
 */
export function headersFrom(chain: Chain, from = 0, count = DEFAULT_HEADERS): HeadersView {
  const head = chain.head();
  const tip = head.header.height;
  if (!Number.isSafeInteger(from) || from < 0 || from > tip + 1)
    throw new TelchainError(
      "BAD_RANGE",
      `from must be a height from 0 to ${tip + 1} (the tip is ${tip}); got ${from}`,
    );
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_HEADERS)
    throw new TelchainError("BAD_RANGE", `count must be from 1 to ${MAX_HEADERS}; got ${count}`);
  const headers: string[] = [];
  for (let h = from; h <= Math.min(tip, from + count - 1); h++) {
    const hash = chain.store.mainHash(h);
    const rec = hash && chain.store.record(hash);
    if (!rec) throw new TelchainError("STORE_CORRUPT", `main-chain header at height ${h} is missing`);
    headers.push(toHex(Header.serialize(rec.header)));
  }
  return { headers, tip: { height: tip, hash: toHex(head.hash), work: head.work.toString() } };
}

/** What a light client needs to check headers from genesis (ASERT, proof of work, time rules). */
export function chainInfo(chain: Chain): ChainInfo {
  const p = chain.params;
  const hex = (bits: number) => `0x${bits.toString(16)}`;
  return {
    chainId: chain.chainId,
    genesisHash: toHex(chain.genesisHash()),
    genesisBits: hex(chain.genesis.bits),
    params: {
      targetBlockTime: p.targetBlockTime,
      halfLife: p.halfLife,
      powLimitBits: hex(p.powLimitBits),
      medianTimeSpan: p.medianTimeSpan,
      maxFutureDrift: p.maxFutureDrift,
    },
  };
}
