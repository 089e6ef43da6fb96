/** CliContext.callByName: another module's call from its JSON payload, through the module list. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Command } from "commander";
import { toHex } from "../bytes.js";
import { devAccount } from "../crypto/mnemonic.js";
import { payloadFromJson } from "../testing/chain-harness.js";
import { callByName, commandGroup } from "./context.js";

test("callByName builds the call a module's own builder would, and refuses unknown names and bad JSON", () => {
  const to = `0x${toHex(devAccount(1).publicKey)}`;
  const call = callByName("coin", "transfer", { to, amount: "5" });
  assert.equal(call.module, "coin");
  assert.equal(call.kind, "transfer");
  assert.deepEqual(call.payload, payloadFromJson("coin", "transfer", { to, amount: "5" }));
  assert.throws(() => callByName("nope", "transfer", {}), { code: "TX_UNKNOWN_MODULE" });
  assert.throws(() => callByName("coin", "nope", {}), { code: "TX_UNKNOWN_KIND" });
  assert.throws(() => callByName("coin", "transfer", { to: "x" }));
});

test("commandGroup returns the group a module made, or makes it", () => {
  const program = new Command();
  const a = commandGroup(program, "service", "first");
  const b = commandGroup(program, "service", "second");
  assert.equal(a, b);
  assert.equal(a.description(), "first");
  assert.equal(program.commands.length, 1);
});
