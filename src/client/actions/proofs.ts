/** Typed action for the module-proof route (src/api/routes/proofs.ts). */
import { getModuleProofRoute } from "../../api/routes/proofs.js";
import type { ModuleProofView } from "../../api/schemas.js";
import type { ApiClient } from "../api-client.js";
import { callRoute } from "../route-call.js";

/**
 * GET /v1/proof/:module/:key: a module record (or its absence) with a Merkle proof against the head's
 * state root, unchecked (LightClient.verifyRecord checks it against a verified header).
 */
export const getModuleProof = (
  client: ApiClient,
  args: { module: string; key: string; record?: string },
): Promise<ModuleProofView> => callRoute(client, getModuleProofRoute, args);
