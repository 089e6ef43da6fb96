/** A well-formed header for tests that need one but no chain (codecs, proof-of-work search, the SDK's decoder). */
import type { Header } from "../codec/schema.js";

/** Every field set, distinct byte fills for the hashes, the easiest regtest bits; `over` replaces fields. */
export function sampleHeader(over: Partial<Header> = {}): Header {
  return {
    version: 1,
    parent: new Uint8Array(32).fill(1),
    height: 1,
    timestamp: 1_700_000_000,
    txRoot: new Uint8Array(32).fill(2),
    stateRoot: new Uint8Array(32).fill(3),
    bits: 0x207fffff,
    miner: new Uint8Array(32).fill(4),
    nonce: 5n,
    ...over,
  };
}
