/**
 * Property tests of a module's transaction kinds (test-only): payloads — valid ones, their
 * mutations, random bytes — signed and run through the next block's template must be
 * either accepted, or refused with a TelchainError whose code is declared (`codes`, or one
 * of the codec's) and a message; a refused one leaves the state as it was (the template's
 * state root is that of an empty template). Any other exception is a crash and fails.
 *
 *   checkKind(t, { module: "numbers", kind: "claim", signers: [sub], codes, payloads: mutated(valid) });
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { concatBytes, equalBytes } from "../bytes.js";
import type { ModuleCall } from "../module/kind.js";
import { candidate, type TestKey, testKey } from "./chain-harness.js";
import type { ModuleTestChain } from "./module-chain.js";

/** Valid payloads, each possibly mutated (a byte changed, cut short, bytes added), and random bytes. */
export function mutated(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  const mutation = (b: Uint8Array): fc.Arbitrary<Uint8Array> =>
    fc.oneof(
      fc.tuple(fc.nat(Math.max(0, b.length - 1)), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
        const c = b.slice();
        if (c.length > 0) c[i] ^= x;
        return c;
      }),
      fc.nat(b.length).map((n) => b.slice(0, n)),
      fc.uint8Array({ minLength: 1, maxLength: 8 }).map((extra) => concatBytes(b, extra)),
    );
  return fc.oneof(valid, valid.chain(mutation), fc.uint8Array({ maxLength: 96 }));
}

export interface KindProperty {
  module: string;
  kind: string;
  /** Who signs (e.g. an operator, a holder, a stranger), so that stateful checks run too. */
  signers: TestKey[];
  payloads: fc.Arbitrary<Uint8Array>;
  /** The codes a refusal may carry besides the codec's (CODEC_...). */
  codes: readonly string[];
  runs?: number;
}

/** Checks the property; returns how many payloads were accepted and the refusal codes seen. */
export function checkKind(t: ModuleTestChain, p: KindProperty): { accepted: number; codes: Set<string> } {
  const chain = t.c.chain;
  const miner = testKey(9).pub;
  const emptyRoot = chain.buildTemplate(miner, []).block.header.stateRoot;
  const seen = { accepted: 0, codes: new Set<string>() };
  fc.assert(
    fc.property(fc.constantFrom(...p.signers), p.payloads, (key, payload) => {
      const tpl = chain.buildTemplate(miner, [candidate(t.tx(key, p.module, p.kind, payload, false))]);
      if (tpl.rejected.length === 0) {
        seen.accepted++;
        return;
      }
      const { code, message } = tpl.rejected[0].error;
      assert.ok(code.startsWith("CODEC_") || p.codes.includes(code), `undeclared code ${code}: ${message}`);
      assert.ok(message.length > 0, code);
      assert.ok(equalBytes(tpl.block.header.stateRoot, emptyRoot), `${code} left the state changed`);
      seen.codes.add(code);
    }),
    { numRuns: p.runs ?? 150 },
  );
  return seen;
}

/**
 * One test per kind of `calls` (each kind's valid calls): random and mutated payloads of it,
 * signed by `signers`, are refused cleanly or accepted, and the runs reach the kind's state
 * checks, not only the decoder. `chain()` is read when the tests run (after a `before`).
 */
export function kindPropertyTests(
  chain: () => ModuleTestChain,
  p: Omit<KindProperty, "kind" | "payloads"> & { calls: Record<string, fc.Arbitrary<ModuleCall>> },
): void {
  for (const [kind, call] of Object.entries(p.calls)) {
    test(`${kind}: random and mutated payloads are refused cleanly or accepted, never a crash`, () => {
      const payloads = mutated(call.map((c) => c.payload));
      const seen = checkKind(chain(), { ...p, kind, payloads });
      const stateful = [...seen.codes].filter((c) => !c.startsWith("CODEC_"));
      assert.ok(stateful.length > 1, `only ${[...seen.codes].join(", ")}`);
    });
  }
}
