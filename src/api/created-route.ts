/**
 * The GET route `…/created/:tx` of a module that records what its transactions create
 * (src/module/store.ts createdByTx): the kind and id a transaction created, so that a client
 * which sent a create finds the id it got. 400 BAD_REQUEST for a malformed hash, 404 NOT_FOUND.
 */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { fromHexOrUndefined } from "../bytes.js";
import { TelchainError } from "../errors.js";
import { defineRoute, registerRoute } from "./route.js";
import { OneOf } from "./schemas.js";

export function defineCreatedRoute<W extends string>(spec: {
  url: string;
  operationId: string;
  description: string;
  tag: string;
  /** The kinds of thing it can create (the createdByTx list). */
  created: readonly W[];
  /** What it created none of, in the 404 message ("agreement or offer"). */
  nouns: string;
}) {
  const route = defineRoute({
    method: "GET",
    url: spec.url,
    operationId: spec.operationId,
    summary: "What a transaction created",
    description: spec.description,
    tags: [spec.tag],
    params: Type.Object({
      tx: Type.String({ maxLength: 64, description: "transaction hash (64 hex digits)" }),
    }),
    response: Type.Object({ kind: OneOf(spec.created), id: Type.Integer() }),
  });
  return {
    route,
    register(app: FastifyInstance, read: (tx: Uint8Array) => { what: W; id: number } | undefined): void {
      registerRoute(app, route, async ({ params }) => {
        const tx = /^[0-9a-f]{64}$/i.test(params.tx)
          ? fromHexOrUndefined(params.tx.toLowerCase())
          : undefined;
        if (!tx) throw new TelchainError("BAD_REQUEST", "a transaction hash is 64 hex digits");
        const c = read(tx);
        if (!c) throw new TelchainError("NOT_FOUND", `transaction ${params.tx} created no ${spec.nouns}`);
        return { kind: c.what, id: c.id };
      });
    },
  };
}
