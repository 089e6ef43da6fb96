/**
 * Test support for the numbers module (*.test.ts only): a genesis with short deadlines and
 * small amounts, six funded keys, and builders of the numbers transactions.
 */
import type { GenesisConfig } from "../../chain/genesis.js";
import type { Tx } from "../../codec/schema.js";
import { utf8 } from "../../crypto/hash.js";
import { TestChain, type TestKey, testGenesis, testKey } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../carriers/test-chain.js";
import { parseNumber } from "./number-args.js";
import { CarrierActPayload, ClaimPayload, PortPayload, ReleasePayload } from "./schemas.js";
import { readRecord } from "./store.js";
import { type NumberView, numberView } from "./view.js";

export const TEST_PARAMS = { claimDeposit: "50000", portFee: "2000", confirmDeadline: 5, portDeadline: 4 };
export const FEE = 1_000n; // signedTx's default fee

export function numbersTestGenesis(base: GenesisConfig = testGenesis()): GenesisConfig {
  return {
    ...base,
    alloc: [0, 1, 2, 3, 4, 5].map((i) => ({ address: testKey(i).pub, balance: 1_000_000n })),
    modules: { ...base.modules, numbers: { params: TEST_PARAMS } },
  };
}

export class NumbersTestChain extends ModuleTestChain {
  static override create(genesis = numbersTestGenesis()): NumbersTestChain {
    return new NumbersTestChain(TestChain.create(genesis));
  }

  claimTx(key: TestKey, number: string, carrier: string, consume = true): Tx {
    return this.tx(
      key,
      "numbers",
      "claim",
      ClaimPayload.serialize({ number: utf8(number), carrier: utf8(carrier) }),
      consume,
    );
  }

  confirmTx(key: TestKey, number: string, routingNumber = "", consume = true): Tx {
    const p = CarrierActPayload.serialize({ number: utf8(number), routingNumber: utf8(routingNumber) });
    return this.tx(key, "numbers", "confirm", p, consume);
  }

  portTx(key: TestKey, number: string, toCarrier: string, consume = true): Tx {
    return this.tx(
      key,
      "numbers",
      "port",
      PortPayload.serialize({ number: utf8(number), toCarrier: utf8(toCarrier) }),
      consume,
    );
  }

  acceptTx(key: TestKey, number: string, routingNumber = "", consume = true): Tx {
    const p = CarrierActPayload.serialize({ number: utf8(number), routingNumber: utf8(routingNumber) });
    return this.tx(key, "numbers", "accept-port", p, consume);
  }

  releaseTx(key: TestKey, number: string, consume = true): Tx {
    return this.tx(key, "numbers", "release", ReleasePayload.serialize({ number: utf8(number) }), consume);
  }

  /** What GET /v1/numbers/:e164 answers at the head (undefined = 404). */
  view(number: string): NumberView | undefined {
    return numberView(this.state("numbers"), parseNumber(number), this.height);
  }

  record(number: string) {
    return readRecord(this.state("numbers"), parseNumber(number).digits);
  }
}
