/** Account routes: balance and nonce, the same with a Merkle proof, and the address's transactions. */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { decodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { NodeApi } from "../../node/types.js";
import { PageQueryFields, PageSchema } from "../paging.js";
import { defineRoute, registerRoute } from "../route.js";
import { AccountProofViewSchema, AccountTxViewSchema, AccountViewSchema, AddressParams } from "../schemas.js";

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

export const listAccountTxsRoute = defineRoute({
  method: "GET",
  url: "/v1/accounts/:address/txs",
  operationId: "listAccountTxs",
  summary: "The transactions of an address, newest first (paged)",
  description:
    "The main-chain transactions the address sent (role sent) or that name it as a party, such as a " +
    "transfer's recipient or the buyer a device is offered to (role received; self when both), newest " +
    "first, with their block, module, kind and payload. Reorgs update the list with the chain. Pass " +
    "`next` as `cursor` for the following page (null at the end). 400 ADDRESS_INVALID for a malformed " +
    "address, BAD_CURSOR for a cursor no page gave.",
  tags: ["accounts"],
  params: AddressParams,
  querystring: Type.Object(PageQueryFields),
  response: PageSchema(AccountTxViewSchema, "a page of the address's transactions, newest first"),
});

export function accountRoutes(app: FastifyInstance, node: NodeApi): void {
  registerRoute(app, getAccountRoute, async (request) => node.account(checkAddress(request.params.address)));
  registerRoute(app, getAccountProofRoute, async (request) =>
    node.accountProof(checkAddress(request.params.address)),
  );
  registerRoute(app, listAccountTxsRoute, async (request) =>
    node.accountTxs(checkAddress(request.params.address), request.query),
  );
}
