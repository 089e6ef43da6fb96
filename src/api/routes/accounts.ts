/** Account routes: balance and nonce, and the same with a Merkle proof. */
import type { FastifyInstance } from "fastify";
import { decodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { NodeApi } from "../../node/types.js";
import { defineRoute, registerRoute } from "../route.js";
import { AccountProofViewSchema, AccountViewSchema, AddressParams } from "../schemas.js";

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

export const getAccountRoute = defineRoute({
  method: "GET",
  url: "/v1/accounts/:address",
  operationId: "getAccount",
  summary: "Balance and nonces of an account (zero for unknown accounts)",
  description:
    "The balance and nonce at the head, and the nonce to use for the next transaction counting the " +
    "account's pending ones. An address nobody used is an account with zero balance. 400 ADDRESS_INVALID " +
    "for a malformed address.",
  tags: ["accounts"],
  params: AddressParams,
  response: AccountViewSchema,
});

export const getAccountProofRoute = defineRoute({
  method: "GET",
  url: "/v1/proof/accounts/:address",
  operationId: "getAccountProof",
  summary: "An account with a Merkle proof against the head's state root",
  description:
    "The account (or null when it does not exist) with a proof of presence or absence that a light " +
    "client checks against the state root of the head block named in the answer. 400 ADDRESS_INVALID " +
    "for a malformed address.",
  tags: ["accounts"],
  params: AddressParams,
  response: AccountProofViewSchema,
});

export function accountRoutes(app: FastifyInstance, node: NodeApi): void {
  registerRoute(app, getAccountRoute, async (request) => node.account(checkAddress(request.params.address)));
  registerRoute(app, getAccountProofRoute, async (request) =>
    node.accountProof(checkAddress(request.params.address)),
  );
}
