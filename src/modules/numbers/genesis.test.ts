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
