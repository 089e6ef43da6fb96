/** Typed actions for the account routes (src/api/routes/accounts.ts). */
import { getAccountProofRoute, getAccountRoute } from "../../api/routes/accounts.js";
import type { AccountProofView, AccountView } from "../../api/schemas.js";
import type { ApiClient } from "../api-client.js";
import { callRoute } from "../route-call.js";

/** GET /v1/accounts/:address: balance, nonce and pending nonce (zero for unknown accounts). */
export const getAccount = (client: ApiClient, args: { address: string }): Promise<AccountView> =>
  callRoute(client, getAccountRoute, args);

/** GET /v1/proof/accounts/:address: the account with a Merkle proof against the head's state root. */
export const getAccountProof = (client: ApiClient, args: { address: string }): Promise<AccountProofView> =>
  callRoute(client, getAccountProofRoute, args);
