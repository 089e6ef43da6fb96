/** Typed actions for the transaction routes (src/api/routes/txs.ts). */
import { getTxRoute, submitTxRoute } from "../../api/routes/txs.js";
import type { SubmitTxResult, TxView } from "../../api/schemas.js";
import type { ApiClient } from "../api-client.js";
import { callRoute } from "../route-call.js";

/** GET /v1/txs/:hash: a transaction, pending or included; NOT_FOUND when unknown. */
export const getTx = (client: ApiClient, args: { hash: string }): Promise<TxView> =>
  callRoute(client, getTxRoute, args);

/** POST /v1/txs: submits a signed transaction (hex) to the mempool; resolves to its hash. */
export const submitTx = (client: ApiClient, args: { tx: string }): Promise<SubmitTxResult> =>
  callRoute(client, submitTxRoute, args);
