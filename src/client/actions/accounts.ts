/** Typed actions for the account routes (src/api/routes/accounts.ts). */
import type { Page } from "../../api/paging.js";
import { getAccountProofRoute, getAccountRoute, listAccountTxsRoute } from "../../api/routes/accounts.js";
import type { AccountProofView, AccountTxView, AccountView } from "../../api/schemas.js";
import type { ApiClient } from "../api-client.js";
import { callRoute } from "../route-call.js";

/** GET /v1/accounts/:address: balance, nonce and pending nonce (zero for unknown accounts). */
export const getAccount = (client: ApiClient, args: { address: string }): Promise<AccountView> =>
  callRoute(client, getAccountRoute, args);

/** GET /v1/proof/accounts/:address: the account with a Merkle proof against the head's state root. */
export const getAccountProof = (client: ApiClient, args: { address: string }): Promise<AccountProofView> =>
  callRoute(client, getAccountProofRoute, args);

/** GET /v1/accounts/:address/txs: a page of the address's transactions, newest first (`next` continues). */
export const listAccountTxs = (
  client: ApiClient,
  args: { address: string; limit?: number; cursor?: string },
): Promise<Page<AccountTxView>> => callRoute(client, listAccountTxsRoute, args);
