/** Account routes: balance and nonce, and the same with a Merkle proof. */
import type { FastifyInstance } from "fastify";
import { decodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { NodeApi } from "../../node/types.js";
import { AccountProofViewSchema, AccountViewSchema, AddressParams, ErrorResponses } from "../schemas.js";
import type { TypeBoxTypeProvider } from "../typebox.js";

/** Refuses a malformed address with ADDRESS_INVALID (saying what is wrong) before the node sees it. */
function checkAddress(address: string): string {
  try {
    decodeAddress(address);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new TelchainError("ADDRESS_INVALID", `invalid address "${address.slice(0, 70)}": ${why}`);
  }
  return address;
}

export function accountRoutes(base: FastifyInstance, node: NodeApi): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/v1/accounts/:address",
    {
      schema: {
        summary: "Balance and nonces of an account (zero for unknown accounts)",
        tags: ["accounts"],
        params: AddressParams,
        response: { 200: AccountViewSchema, ...ErrorResponses },
      },
    },
    async (request) => node.account(checkAddress(request.params.address)),
  );

  app.get(
    "/v1/proof/accounts/:address",
    {
      schema: {
        summary: "An account with a Merkle proof against the head's state root",
        tags: ["accounts"],
        params: AddressParams,
        response: { 200: AccountProofViewSchema, ...ErrorResponses },
      },
    },
    async (request) => node.accountProof(checkAddress(request.params.address)),
  );
}
