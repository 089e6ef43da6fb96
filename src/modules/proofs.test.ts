/**
 * The browser-safe proofs list: it agrees with the modules' own Module.proofs, it bundles for a
 * browser without any node-only import, and every record's id parser either gives a canonical
 * id (parsed again: the same id) whose key is a key, or refuses with a declared code.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { errorSpec, isTelchainError } from "../errors.js";
import { browserBundle } from "../testing/browser-bundle.js";
import { allModules } from "./index.js";
import { moduleProofs } from "./proofs.js";

test("moduleProofs() lists the same proofs (the same objects) as the modules' Module.proofs", () => {
  const listed = moduleProofs();
  const withProofs = allModules().filter((m) => (m.proofs?.length ?? 0) > 0);
  assert.deepEqual(Object.keys(listed).sort(), withProofs.map((m) => m.name).sort());
  for (const m of withProofs) {
    assert.deepEqual(
      listed[m.name].map((p) => p.record),
      m.proofs?.map((p) => p.record),
      `${m.name}: record names`,
    );
    for (const [i, p] of listed[m.name].entries()) assert.equal(p, m.proofs?.[i], `${m.name}/${p.record}`);
  }
});

test("record names are lowercase and unique within their module; each proof is documented", () => {
  for (const [module, proofs] of Object.entries(moduleProofs())) {
    const names = proofs.map((p) => p.record);
    assert.equal(new Set(names).size, names.length, `${module}: duplicate record names`);
    for (const p of proofs) {
      assert.match(p.record, /^[a-z][a-z0-9-]*$/, `${module}/${p.record}`);
      assert.ok(p.about.length > 10 && p.param.help.length > 3, `${module}/${p.record}: about and help`);
      assert.ok(p.param.maxLength > 0 && p.param.maxLength <= 200, `${module}/${p.record}: maxLength`);
    }
  }
});

test("src/modules/proofs.ts bundles for a browser with no node-only import", async () => {
  const b = await browserBundle("src/modules/proofs.ts");
  assert.deepEqual(b.errors, []);
  assert.deepEqual(b.nodeOnly, [], "node-only imports reachable from src/modules/proofs.ts");
  assert.ok(b.bytes > 1000, "a bundle was produced");
});

/** Random ids: any text, and the shapes ids have (digits, +digits, carrier ids, composite, tel1…). */
const rawId = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.stringMatching(/^\+?[0-9]{1,20}$/),
  fc.stringMatching(/^[A-Z0-9]{1,10}(\/[0-9]{0,18})?$/),
  fc.stringMatching(/^[0-9]{1,18}\/tel1[0-9a-z]{0,70}$/),
  fc.stringMatching(/^tel1[0-9a-z]{0,70}$/),
);

test("every record's param.parse: a canonical id (stable, with a key) or a declared error code, never a crash", () => {
  const proofs = Object.entries(moduleProofs()).flatMap(([module, ps]) => ps.map((p) => ({ module, p })));
  fc.assert(
    fc.property(fc.constantFrom(...proofs), rawId, ({ module, p }, raw) => {
      let id: string;
      try {
        id = p.param.parse(raw);
      } catch (e) {
        assert.ok(isTelchainError(e), `${module}/${p.record}: ${String(e)}`);
        assert.ok(errorSpec(e.code), `${module}/${p.record}: undeclared code ${e.code}`);
        return;
      }
      assert.equal(p.param.parse(id), id, `${module}/${p.record}: parse is not idempotent on ${raw}`);
      assert.ok(p.key(id) instanceof Uint8Array && p.key(id).length > 0);
    }),
    { numRuns: 3000 },
  );
});

test("composite ids: a voucher balance and a statement name their parts; the canonical form is stable", () => {
  const { vouchers, settlement } = moduleProofs();
  const balance = vouchers.find((p) => p.record === "balance");
  const statement = settlement.find((p) => p.record === "statement");
  assert.ok(balance && statement);
  assert.equal(statement.param.parse("CARA/012"), "CARA/12");
  assert.throws(() => statement.param.parse("CARA"), { code: "SETTLEMENT_BAD_CARRIER" });
  assert.throws(() => statement.param.parse("cara/1"), { code: "SETTLEMENT_BAD_CARRIER" });
  assert.throws(() => statement.param.parse("CARA/x"), { code: "SETTLEMENT_BAD_CYCLE" });
  assert.throws(() => balance.param.parse("7"), { code: "VOUCHERS_BAD_ID" });
  assert.throws(() => balance.param.parse("0/tel1x"), { code: "VOUCHERS_BAD_ID" });
  assert.throws(() => balance.param.parse("7/tel1x"), { code: "ADDRESS_INVALID" });
});
