/**
 * GET /v1/proof/:module/:key — any module record, present or absent, with its Merkle proof
 * against the head's state root. Generic: the node finds the record through the module's
 * declared proofs (Module.proofs, src/module/proof.ts); the core knows no module.
 */
import type { FastifyInstance } from "fastify";
import type { NodeApi } from "../../node/types.js";
import { defineRoute, registerRoute } from "../route.js";
import { ModuleProofParams, ModuleProofQuery, ModuleProofViewSchema } from "../schemas.js";

export const getModuleProofRoute = defineRoute({
  method: "GET",
  url: "/v1/proof/:module/:key",
  operationId: "getModuleProof",
  summary: "A module record (or its absence) with a Merkle proof against the head's state root",
  description:
    "The record `key` names in the module's own terms (a number, an IMEI, a carrier id, a composite id " +
    "such as CLASS/ADDRESS with its / sent as %2F), of the module's first provable record or `?record=`: " +
    "its full state key, its value (hex and decoded) and a proof against the state root of the block in " +
    "the answer. An absent record is not an error: value null with a proof of absence. A light client " +
    "derives the key from the id itself, checks the proof against a header it verified and decodes the " +
    "value itself (docs/api.md#proofs). 404 PROOF_UNKNOWN_MODULE, PROOF_UNKNOWN_RECORD; 400 with the " +
    "record's own code for a malformed id (e.g. DEVICES_BAD_IMEI).",
  tags: ["proofs"],
  params: ModuleProofParams,
  querystring: ModuleProofQuery,
  response: ModuleProofViewSchema,
});

export function proofRoutes(app: FastifyInstance, node: NodeApi): void {
  registerRoute(app, getModuleProofRoute, async ({ params, query }) =>
    node.moduleProof(params.module, params.key, query.record),
  );
}
