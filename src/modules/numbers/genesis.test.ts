/** The genesis section modules.numbers: defaults, given params, refusals. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_PARAMS, parseNumbersGenesis } from "./params.js";

test("params default when left out and are taken when given", () => {
  assert.deepEqual(parseNumbersGenesis({}), DEFAULT_PARAMS);
  assert.deepEqual(parseNumbersGenesis({ params: { claimDeposit: "5", portDeadline: 7 } }), {
    ...DEFAULT_PARAMS,
    claimDeposit: 5n,
    portDeadline: 7,
  });
});

test("a bad section is GENESIS_INVALID", () => {
  for (const bad of [
    null,
    [],
    { other: 1 },
    { params: { unknown: 1 } },
    { params: { claimDeposit: "-1" } },
    { params: { portFee: "18446744073709551616" } },
    { params: { confirmDeadline: 0 } },
    { params: { portDeadline: 1.5 } },
  ])
    assert.throws(
      () => parseNumbersGenesis(bad),
      (e: { code: string }) => e.code === "GENESIS_INVALID",
      JSON.stringify(bad),
    );
});

test("a refusal names the field", () => {
  for (const [bad, field] of [
    [null, "the section"],
    [{ other: 1 }, "other"],
    [{ params: { unknown: 1 } }, "params.unknown"],
    [{ params: { confirmDeadline: 0 } }, "params.confirmDeadline"],
    [{ params: { portDeadline: 100_000_001 } }, "params.portDeadline"],
    [{ params: { claimDeposit: "-1" } }, "params.claimDeposit"],
    [{ params: { portFee: "18446744073709551616" } }, "params.portFee"],
  ] as const)
    assert.throws(
      () => parseNumbersGenesis(bad),
      (e: Error) => e.message.startsWith(`genesis modules.numbers: ${field}`),
      JSON.stringify(bad),
    );
});
