/**
 * RFC 4694 in the ENUM zone: a number served by ENUM and held in the numbers registry gets
 * an extra "E2U+pstn:tel" NAPTR with ;npdi;rn=+<routing number>, following its ports. Asked
 * over DNS, of the ENUM module's DNS service started as the node starts it (module list).
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { NaptrAnswer } from "dns-packet";
import { encodeAddress } from "../../crypto/address.js";
import type { ModuleService } from "../../module/interface.js";
import { testGenesis, testKeys } from "../../testing/chain-harness.js";
import { ask } from "../../testing/dns.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { sipNaptr } from "../../testing/naptr.js";
import { allModules } from "../index.js";
import {
  accept,
  claim,
  confirm,
  numbersTestGenesis,
  port,
  registerCarrier,
  release,
} from "./fixtures.test.js";

const [opA, opB, sub, verifier] = testKeys(0, 1, 2, 5);
const N = "+15551230000";
/** An ENUM genesis section: one verifier and numbers registered by it. */
const enumSection = (numbers: string[]) => ({
  verifiers: [{ address: encodeAddress(verifier.pub), name: "test verifier" }],
  numbers: numbers.map((number, i) => ({
    number,
    owner: encodeAddress(sub.pub),
    verifier: encodeAddress(verifier.pub),
    records: [sipNaptr(`user${i}`)],
    attestedUntil: 1_800_000_000,
  })),
});

let t: ModuleTestChain | undefined;
let dns: ModuleService | undefined;
after(async () => {
  await dns?.stop();
  await t?.close();
});

/** The ENUM module's DNS service over `t`'s head; mine() tells it of every new head. */
async function startDns(t: ModuleTestChain) {
  const heads: ((height: number) => void)[] = [];
  let port = 0;
  // biome-ignore lint/style/noNonNullAssertion: the module list has an enum module with a DNS service
  dns = await allModules().find((m) => m.name === "enum")!.start!({
    query: t.query("enum"),
    options: { dns: "127.0.0.1:0" },
    dev: false,
    log: {
      info(o) {
        port = (o as { port?: number }).port ?? port; // "ENUM DNS server listening (UDP and TCP)"
      },
      warn() {},
    },
    onHead: (listener) => heads.push(listener),
    metrics: { inc() {} },
  });
  const mine: typeof t.mine = async (...txs) => {
    const block = await t.mine(...txs);
    for (const h of heads) h(t.height);
    return block;
  };
  /** The NAPTR records of a number, in answer order ([] when not served). */
  const naptr = async (digits: string): Promise<NaptrAnswer["data"][]> => {
    const name = `${[...digits].reverse().join(".")}.e164.arpa`;
    const { answers } = await ask(port, name, "NAPTR", { timeoutMs: 1000 });
    return answers.filter((a) => a.type === "NAPTR").map((a) => a.data as NaptrAnswer["data"]);
  };
  return { mine, naptr };
}

test("the ENUM answer carries the routing number while the number is active, and follows a port", async () => {
  // N is in ENUM (genesis) and about to be claimed in numbers; +15551230001 is in ENUM only
  const genesis = numbersTestGenesis({
    ...testGenesis(),
    modules: { enum: enumSection([N, "+15551230001"]) },
  });
  t = ModuleTestChain.create({ genesis });
  const { mine, naptr } = await startDns(t);
  await mine(t.call(opA, registerCarrier("AAA", ["1555000"])), t.call(opB, registerCarrier("BBB", ["1666"])));
  await mine(t.call(sub, claim(N, "AAA")), t.call(sub, claim("+15551230002", "AAA")));
  assert.equal((await naptr("15551230000")).length, 1, "a pending claim has no routing number yet");
  await mine(t.call(opA, confirm(N)), t.call(opA, confirm("+15551230002")));
  const records = await naptr("15551230000");
  assert.equal(records.length, 2);
  assert.equal(records[0].services, "E2U+sip", "the owner's records come first");
  assert.deepEqual(records[1], {
    order: 65535,
    preference: 65535,
    flags: "U",
    services: "E2U+pstn:tel",
    regexp: "!^.*$!tel:+15551230000;npdi;rn=+1555000!",
    replacement: ".",
  });
  await mine(t.call(sub, port(N, "BBB")));
  await mine(t.call(opB, accept(N)));
  assert.equal((await naptr("15551230000"))[1]?.regexp, "!^.*$!tel:+15551230000;npdi;rn=+1666!");
  // ENUM-only numbers are unchanged; numbers-only ones are not served by ENUM at all
  assert.equal((await naptr("15551230001")).length, 1);
  assert.equal((await naptr("15551230002")).length, 0);
  // released: back to the owner's records only
  await mine(t.call(sub, release(N)));
  assert.equal((await naptr("15551230000")).length, 1);
});
