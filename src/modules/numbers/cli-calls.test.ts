/** The number commands in process: the calls they submit, and bad arguments refused before sending. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runModuleCli } from "../../testing/module-cli.js";
import { accept, claim, confirm, port, release } from "./fixtures.test.js";
import { numbersModule } from "./index.js";

const N = "+15551230000";
const number = async (...args: string[]) => runModuleCli(numbersModule, ["number", ...args]);

test("each command submits the call the kinds' builders make, from its options", async () => {
  const calls = [
    [["claim", N, "--carrier", "AAA"], claim(N, "AAA")],
    // one E.164 rule in every command: bare digits are the same number, sent with its "+"
    [["claim", "15551230000", "--carrier", "AAA"], claim(N, "AAA")],
    [["confirm", N], confirm(N)],
    [["confirm", N, "--routing-number", "1555001"], confirm(N, "1555001")],
    [["port", N, "--to-carrier", "BBB"], port(N, "BBB")],
    [["accept-port", N, "--routing-number", "1666"], accept(N, "1666")],
    [["release", N], release(N)],
  ] as const;
  for (const [args, call] of calls) {
    const { sent, printed } = await number(...args, "--no-wait");
    assert.deepEqual(sent, [call], args.join(" "));
    // the JSON output (no entry before inclusion)
    assert.deepEqual(JSON.parse(JSON.stringify(printed)), [{ tx: "00", status: "pending", number: N }]);
  }
});

test("bad arguments are refused with the chain's codes before anything is sent", async () => {
  for (const [args, code] of [
    [["claim", "+1555", "--carrier", "AAA"], "NUMBERS_BAD_NUMBER"],
    [["claim", "1555", "--carrier", "AAA"], "NUMBERS_BAD_NUMBER"],
    [["claim", "+15551230000123456", "--carrier", "AAA"], "NUMBERS_BAD_NUMBER"],
    [["claim", N, "--carrier", "aa"], "NUMBERS_CARRIER_UNKNOWN"],
    [["port", N, "--to-carrier", "ABCDEFGHI"], "NUMBERS_CARRIER_UNKNOWN"],
    [["confirm", N, "--routing-number", "0123"], "NUMBERS_BAD_ROUTING_NUMBER"],
    [["accept-port", N, "--routing-number", "1234567890123456"], "NUMBERS_BAD_ROUTING_NUMBER"],
  ] as const)
    await assert.rejects(number(...args), { code }, args.join(" "));
});
