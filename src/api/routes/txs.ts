/** Transaction routes: look up and submit. */
import type { FastifyInstance } from "fastify";
import { TelchainError } from "../../errors.js";
import type { NodeApi } from "../../node/types.js";
import { hexField } from "../hex.js";
import { defineRoute, registerRoute } from "../route.js";
import { SubmitTxBody, SubmitTxResult, TxHashParams, TxViewSchema } from "../schemas.js";

export const getTxRoute = defineRoute({
  method: "GET",
  url: "/v1/txs/:hash",
  operationId: "getTx",
  summary: "A transaction, pending or included",
  description:
    "A transaction from the mempool (status pending) or the main chain (status included, with its " +
    "block and index). 404 NOT_FOUND when the node knows no such transaction.",
  tags: ["txs"],
  params: TxHashParams,
  response: TxViewSchema,
});

export const submitTxRoute = defineRoute({
  method: "POST",
  url: "/v1/txs",
  operationId: "submitTx",
  summary: "Submit a signed transaction to the mempool",
  description:
    "Validates an SSZ-encoded signed transaction given as hex and adds it to the mempool, from where " +
    "it is relayed to peers; 201 with its hash. A refused transaction gets its error code (e.g. a CODEC_ " +
    "code for malformed bytes, a fee or nonce code).",
  tags: ["txs"],
  body: SubmitTxBody,
  status: 201,
  response: SubmitTxResult,
});

export function txRoutes(app: FastifyInstance, node: NodeApi): void {
  registerRoute(app, getTxRoute, async (request) => {
    const hash = request.params.hash.toLowerCase();
    const tx = node.tx(hash);
    if (!tx) throw new TelchainError("NOT_FOUND", `transaction ${hash} not found`);
    return tx;
  });
  registerRoute(app, submitTxRoute, async (request) => node.submitTx(hexField(request.body.tx, "body/tx")));
}
