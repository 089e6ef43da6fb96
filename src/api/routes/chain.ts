/** Chain routes: node status, blocks, mempool. */
import type { FastifyInstance } from "fastify";
import { TelchainError } from "../../errors.js";
import type { NodeApi } from "../../node/types.js";
import { hexField } from "../hex.js";
import {
  BlockIdParams,
  BlockViewSchema,
  ErrorResponses,
  MempoolQuery,
  MempoolViewSchema,
  NodeStatusSchema,
  PeersViewSchema,
  SubmitBlockBody,
  SubmitBlockResult,
} from "../schemas.js";
import { strictBodyCompiler, type TypeBoxTypeProvider } from "../typebox.js";

export function chainRoutes(base: FastifyInstance, node: NodeApi): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/v1/status",
    {
      schema: {
        summary: "Node and chain status",
        tags: ["chain"],
        response: { 200: NodeStatusSchema, ...ErrorResponses },
      },
    },
    async () => node.status(),
  );

  app.get(
    "/v1/peers",
    {
      schema: {
        summary: "Connected peers with their score and last known height",
        tags: ["network"],
        response: { 200: PeersViewSchema, ...ErrorResponses },
      },
    },
    async () => ({ peers: node.peers() }),
  );

  app.get(
    "/v1/blocks/:id",
    {
      schema: {
        summary: "A block by height (main chain) or hash",
        tags: ["chain"],
        params: BlockIdParams,
        response: { 200: BlockViewSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      const block = node.block(id.length === 64 ? id.toLowerCase() : id);
      if (!block) throw new TelchainError("NOT_FOUND", `block ${id} not found`);
      return block;
    },
  );

  app.post(
    "/v1/blocks",
    {
      validatorCompiler: strictBodyCompiler,
      schema: {
        summary: "Submit a block (e.g. mined by an external miner)",
        tags: ["chain"],
        body: SubmitBlockBody,
        response: { 200: SubmitBlockResult, ...ErrorResponses },
      },
    },
    async (request) => node.submitBlock(hexField(request.body.block, "body/block")),
  );

  app.get(
    "/v1/mempool",
    {
      schema: {
        summary: "Pending transactions (bounded list of hashes)",
        tags: ["chain"],
        querystring: MempoolQuery,
        response: { 200: MempoolViewSchema, ...ErrorResponses },
      },
    },
    async (request) => node.mempool(request.query.limit ?? 100),
  );
}
