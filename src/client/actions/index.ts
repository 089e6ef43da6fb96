/**
 * The node API's core routes as typed functions, viem-style: `getStatus(client)`,
 * `getBlock(client, { id })`, `getTx(client, { hash })`, `getAccount(client, { address })`,
 * `listAccountTxs(client, { address, limit, cursor })`, `submitTx(client, { tx })`, ...
 * Parameters and results are the routes' TypeBox schemas' static types (src/api/schemas.ts);
 * failures reject with an ApiError (code, message, status). GET /metrics (Prometheus text, not JSON)
 * has none. The modules' routes have theirs in each module's client.ts (src/modules/clients.ts).
 */
export { getAccount, getAccountProof, listAccountTxs } from "./accounts.js";
export { getBlock, getChain, getHeaders, getMempool, getPeers, getStatus, submitBlock } from "./chain.js";
export { getHealth } from "./monitoring.js";
export { getModuleProof } from "./proofs.js";
export { getTx, submitTx } from "./txs.js";
