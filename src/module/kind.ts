/**
 * The kind helper: a transaction kind is its payload schema, a stateless parse of the
 * payload into typed arguments, and apply. Parsing happens once per transaction — at
 * admission and block validation — and apply receives the parsed arguments.
 *
 *   export const claim = defineKind({
 *     payload: ClaimPayload,
 *     parse: (p) => ({ number: parseE164(p.number), carrier: p.carrier }),
 *     apply(ctx, a) { ... },
 *   });
 *
 * `calls(module, kinds)` gives the typed builders of a module's calls, used by the CLI, the
 * tests and the client alike: `numbersCalls.claim({ number: "+1...", carrier: "AAA" })`.
 */
import type { Type, ValueOf } from "@chainsafe/ssz";
import type { TxBody } from "../codec/schema.js";
import type { TxContext, TxKind } from "./interface.js";

export interface KindDefinition<P, A> {
  payload: Type<P>;
  parse(payload: P, tx: TxBody): A;
  apply(ctx: TxContext, args: A): void;
  toJSON?(payload: P): unknown;
  /** The addresses other than the sender that a transaction concerns (TxKind.parties). */
  parties?(args: A): Uint8Array[];
  /** The kind may be sent by a locked account (TxKind.allowedWhileLocked). */
  allowedWhileLocked?: boolean;
}

/** A kind whose parse runs once; the payload's own type is kept for the call builders. */
export type DefinedKind<P, A> = TxKind<P, A> & { parse(payload: P, tx: TxBody): A };

export function defineKind<P, A>(def: KindDefinition<P, A>): DefinedKind<P, A> {
  return def;
}

/** A module call: what a transaction carries besides sender, nonce, fee and expiry. */
export interface ModuleCall {
  module: string;
  kind: string;
  payload: Uint8Array;
}

// biome-ignore lint/suspicious/noExplicitAny: any kind, whatever its payload and arguments
type AnyKind = TxKind<any, any>;
type PayloadOf<K> = K extends TxKind<infer P, infer _A> ? P : never;

/** Typed builders of a module's calls, one per kind, from the kinds' payload schemas. */
export type CallBuilders<K extends Record<string, AnyKind>> = {
  [N in keyof K]: (payload: PayloadOf<K[N]>) => ModuleCall;
};

export function calls<K extends Record<string, AnyKind>>(module: string, kinds: K): CallBuilders<K> {
  const out: Record<string, (p: unknown) => ModuleCall> = {};
  for (const [kind, k] of Object.entries(kinds))
    out[kind] = (p) => ({ module, kind, payload: (k.payload as Type<unknown>).serialize(p) });
  return out as CallBuilders<K>;
}

export type { ValueOf };

/**
 * The chain's stateless checks of a call: its payload decoded with the schema's rules, then
 * parsed (without a transaction body: for kinds whose parse reads only the payload). For a
 * CLI to refuse a bad argument with the chain's own code before anything is sent.
 */
export function checkCall(kinds: Record<string, AnyKind>, call: ModuleCall): ModuleCall {
  const kind = kinds[call.kind];
  kind.parse?.(kind.payload.deserialize(call.payload), undefined as never);
  return call;
}
