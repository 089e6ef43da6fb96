/**
 * Typed actions for the chain routes (src/api/routes/chain.ts): one function per route,
 * arguments and result typed from the route's schemas. Each rejects with an ApiError
 * carrying the node's error code (e.g. NOT_FOUND) when the node refuses.
 */
import {
  getBlockRoute,
  getChainRoute,
  getHeadersRoute,
  getMempoolRoute,
  getPeersRoute,
  getStatusRoute,
  submitBlockRoute,
} from "../../api/routes/chain.js";
import type {
  BlockView,
  ChainInfo,
  HeadersView,
  MempoolView,
  NodeStatus,
  PeersView,
  SubmitBlockResult,
} from "../../api/schemas.js";
import type { ApiClient } from "../api-client.js";
import { callRoute } from "../route-call.js";

/** GET /v1/status: chain, head, sync, mining and network status. */
export const getStatus = (client: ApiClient): Promise<NodeStatus> => callRoute(client, getStatusRoute);

/** GET /v1/peers: the connected peers. */
export const getPeers = (client: ApiClient): Promise<PeersView> => callRoute(client, getPeersRoute);

/** GET /v1/blocks/:id: a block by height (main chain) or hash; NOT_FOUND when unknown. */
export const getBlock = (client: ApiClient, args: { id: string | number }): Promise<BlockView> =>
  callRoute(client, getBlockRoute, { id: String(args.id) });

/** POST /v1/blocks: imports a block (hex); says whether it became the head. */
export const submitBlock = (client: ApiClient, args: { block: string }): Promise<SubmitBlockResult> =>
  callRoute(client, submitBlockRoute, args);

/** GET /v1/mempool: the mempool's size and up to `limit` (default 100) pending hashes. */
export const getMempool = (client: ApiClient, args: { limit?: number } = {}): Promise<MempoolView> =>
  callRoute(client, getMempoolRoute, args);

/** GET /v1/headers: up to `count` (default 500) main-chain headers (hex) from height `from`, and the tip's work. */
export const getHeaders = (
  client: ApiClient,
  args: { from?: number; count?: number } = {},
): Promise<HeadersView> => callRoute(client, getHeadersRoute, args);

/** GET /v1/chain: chain id, genesis hash and bits, and the consensus parameters a light client checks. */
export const getChain = (client: ApiClient): Promise<ChainInfo> => callRoute(client, getChainRoute);
