/** Transaction routes: look up and submit. */
import type { FastifyInstance } from "fastify";
import { TelchainError } from "../../errors.js";
import type { NodeApi } from "../../node/types.js";
import { hexField } from "../hex.js";
import { ErrorResponses, SubmitTxBody, SubmitTxResult, TxHashParams, TxViewSchema } from "../schemas.js";
import { strictBodyCompiler, type TypeBoxTypeProvider } from "../typebox.js";

export function txRoutes(base: FastifyInstance, node: NodeApi): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/v1/txs/:hash",
    {
      schema: {
        summary: "A transaction, pending or included",
        tags: ["txs"],
        params: TxHashParams,
        response: { 200: TxViewSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const hash = request.params.hash.toLowerCase();
      const tx = node.tx(hash);
      if (!tx) throw new TelchainError("NOT_FOUND", `transaction ${hash} not found`);
      return tx;
    },
  );

  app.post(
    "/v1/txs",
    {
      validatorCompiler: strictBodyCompiler,
      schema: {
        summary: "Submit a signed transaction to the mempool",
        tags: ["txs"],
        body: SubmitTxBody,
        response: { 201: SubmitTxResult, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const result = await node.submitTx(hexField(request.body.tx, "body/tx"));
      return reply.status(201).send(result);
    },
  );
}
