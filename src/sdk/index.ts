/**
 * telchain's SDK (`import … from "telchain/sdk"`), browser-safe: the light client, the
 * verification primitives and the typed client of every route (core and modules).
 *
 *   const lc = new LightClient({ nodes: ["http://127.0.0.1:8645"] });
 *   await lc.sync();
 *   const r = await lc.verifyRecord("devices", "490154203237518");
 *
 * docs/sdk.md specifies what is verified, completely enough to write a verifier elsewhere.
 */

// First: a minimal Buffer where there is none (a browser), for @chainsafe/ssz (buffer-shim.ts).
import "./buffer-shim.js";

// The typed client: one function per core route (viem style), over an ApiClient, and each
// module's under its name: `modules.devices.getDevice(client, { imei })`.
export type { Page, PageQuery } from "../api/paging.js";
export * from "../client/actions/index.js";
export { ApiClient, ApiError } from "../client/api-client.js";
export type { RouteAction } from "../client/module-actions.js";
export { isTelchainError, TelchainError } from "../errors.js";
export type { ModuleProof } from "../module/proof.js";
export * as modules from "../modules/clients.js";
export { moduleProofs } from "../modules/proofs.js";
export { SDK_ERRORS } from "./error-codes.js";
export {
  BUCKET_BITS,
  BUCKET_COUNT,
  bucketHash,
  bucketOf,
  HASH_BYTES,
  keyHash,
  nodeHash,
  STATE_TAGS,
  sha256,
  sha256d,
  taggedHash,
  valueHash,
} from "./hashes.js";
export { type CheckedHeader, decodeHeaderHex, HeaderChain } from "./header-chain.js";
export {
  type BlockRef,
  type ChainInfo,
  type Checkpoint,
  LightClient,
  type LightClientOptions,
  type NodeReport,
  type NodeState,
  type SyncResult,
  stateKey,
  type Trust,
  type VerifiedRecord,
} from "./light-client.js";
export { type StateProof, type VerifyResult, verifyStateProof } from "./state-proof.js";
