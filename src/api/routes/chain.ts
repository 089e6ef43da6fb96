/** Chain routes: node status, peers, blocks, mempool, and the headers and parameters a light client follows. */
import type { FastifyInstance } from "fastify";
import { TelchainError } from "../../errors.js";
import type { NodeApi } from "../../node/types.js";
import { hexField } from "../hex.js";
import { defineRoute, registerRoute } from "../route.js";
import {
  BlockIdParams,
  BlockViewSchema,
  ChainInfoSchema,
  HeadersQuery,
  HeadersViewSchema,
  MempoolQuery,
  MempoolViewSchema,
  NodeStatusSchema,
  PeersViewSchema,
  SubmitBlockBody,
  SubmitBlockResult,
} from "../schemas.js";

export const getStatusRoute = defineRoute({
  method: "GET",
  url: "/v1/status",
  operationId: "getStatus",
  summary: "Node and chain status",
  description:
    "The chain id and genesis, the head (height, hash, difficulty), sync and mining state, " +
    "networking (peer id, listen addresses, peer count), the mempool's size and the minimum fee per byte.",
  tags: ["chain"],
  response: NodeStatusSchema,
});

export const getPeersRoute = defineRoute({
  method: "GET",
  url: "/v1/peers",
  operationId: "getPeers",
  summary: "Connected peers with their score and last known height",
  description: "Every connected libp2p peer; an empty list when the node runs without networking.",
  tags: ["network"],
  response: PeersViewSchema,
});

export const getBlockRoute = defineRoute({
  method: "GET",
  url: "/v1/blocks/:id",
  operationId: "getBlock",
  summary: "A block by height (main chain) or hash",
  description:
    "A height finds the main chain's block; a hash finds any stored block, side branches included " +
    "(`main` tells which). 404 NOT_FOUND when there is no such block.",
  tags: ["chain"],
  params: BlockIdParams,
  response: BlockViewSchema,
});

export const submitBlockRoute = defineRoute({
  method: "POST",
  url: "/v1/blocks",
  operationId: "submitBlock",
  summary: "Submit a block (e.g. mined by an external miner)",
  description:
    "Validates and imports an SSZ-encoded block given as hex. The result says whether it became the " +
    "head, was stored on a side branch, or was already known; an invalid block is refused with its error code, " +
    "and so (409) is a block on a branch that could not overtake the head (BLOCK_SIDE_CHAIN_TOO_WEAK, BLOCK_FORK_TOO_DEEP).",
  tags: ["chain"],
  body: SubmitBlockBody,
  response: SubmitBlockResult,
});

export const getMempoolRoute = defineRoute({
  method: "GET",
  url: "/v1/mempool",
  operationId: "getMempool",
  summary: "Pending transactions (bounded list of hashes)",
  description: "The mempool's size in transactions and bytes, and the hashes of up to `limit` of them.",
  tags: ["chain"],
  querystring: MempoolQuery,
  response: MempoolViewSchema,
});

export const getHeadersRoute = defineRoute({
  method: "GET",
  url: "/v1/headers",
  operationId: "getHeaders",
  summary: "Main-chain headers from a height (for light clients)",
  description:
    "Up to `count` (1 to 2000, default 500) main-chain headers from height `from` (default 0) upward, each " +
    "the hex of its SSZ encoding, and the tip with its cumulative work (decimal). A light client checks " +
    "linkage, proof of work and ASERT targets itself (GET /v1/chain gives the parameters). `from` = the tip's " +
    "height + 1 answers no headers (nothing new). 400 BAD_RANGE for `from` past that or negative, or " +
    "`count` out of range.",
  tags: ["chain"],
  querystring: HeadersQuery,
  response: HeadersViewSchema,
});

export const getChainRoute = defineRoute({
  method: "GET",
  url: "/v1/chain",
  operationId: "getChain",
  summary: "Chain id, genesis and consensus parameters (for light clients)",
  description:
    "What a light client needs to check headers from genesis: the chain id, the genesis hash and target " +
    "(compact bits), the block time and ASERT half-life, the proof-of-work limit, the median-time span and " +
    "the allowed clock drift.",
  tags: ["chain"],
  response: ChainInfoSchema,
});

export function chainRoutes(app: FastifyInstance, node: NodeApi): void {
  registerRoute(app, getStatusRoute, async () => node.status());
  registerRoute(app, getPeersRoute, async () => ({ peers: node.peers() }));
  registerRoute(app, getBlockRoute, async (request) => {
    const { id } = request.params;
    const block = node.block(id.length === 64 ? id.toLowerCase() : id);
    if (!block) throw new TelchainError("NOT_FOUND", `block ${id} not found`);
    return block;
  });
  registerRoute(app, submitBlockRoute, async (request) =>
    node.submitBlock(hexField(request.body.block, "body/block")),
  );
  registerRoute(app, getMempoolRoute, async (request) => node.mempool(request.query.limit ?? 100));
  registerRoute(app, getHeadersRoute, async ({ query }) => node.headers(query.from, query.count));
  registerRoute(app, getChainRoute, async () => node.chainInfo());
}
