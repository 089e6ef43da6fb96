/**
 * Crash safety (after Bitcoin Core's feature_dbcrash.py): a real node process mines and
 * accepts transfers while it is killed with SIGKILL again and again — at random moments,
 * and by crash points injected inside the storage write path and during recovery
 * (TELCHAIN_CRASH_RATIO). After every restart the chain must open consistently (the node
 * checks the state root against the head at start), the height must not go back, every
 * transaction it reported included must still be included, and coins must add up.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { toHex } from "../../src/bytes.js";
import { getAccount, getBlock, getStatus, getTx, submitTx } from "../../src/client/actions/index.js";
import { ApiClient, ApiError } from "../../src/client/api-client.js";
import { Tx } from "../../src/codec/schema.js";
import { encodeAddress } from "../../src/crypto/address.js";
import { TelchainError } from "../../src/errors.js";
import { testGenesis, testKey, transferTx } from "../../src/testing/chain-harness.js";
import { freePort, NodeProcess, writeGenesis } from "../../src/testing/node-process.js";

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 10);
const senders = [0, 1, 2].map(testKey);
const receiver = testKey(5);
const coinbase = testKey(9);

test("a node killed at any instant restarts on a consistent chain and loses nothing it included", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "telchain-crash-"));
  const genesis = testGenesis({ targetBlockTime: 1, halfLife: 20 });
  const genesisFile = writeGenesis(dir, genesis);
  const datadir = join(dir, "data");
  const port = await freePort();
  const args = [
    "--genesis",
    genesisFile,
    "--datadir",
    datadir,
    "--mine",
    "--coinbase",
    encodeAddress(coinbase.pub),
  ];
  const included = new Map<string, number>(); // tx hash -> height reported by the node
  let maxHeight = 0;
  let injectedCrashes = 0;
  let recoveryCrashes = 0;

  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Odd rounds inject crashes inside storage writes and recovery; even rounds kill from outside.
      const inject = round % 2 === 1;
      const env: Record<string, string> = inject ? { TELCHAIN_CRASH_RATIO: "0.05" } : {};
      let node = await NodeProcess.start(args, env, port);
      while (!(await node.ready(20_000))) {
        // Killed during recovery by an injected crash point: start again, as an operator would.
        assert.match(node.output, /crash injected/, `node failed to start:\n${node.output}`);
        recoveryCrashes++;
        node = await NodeProcess.start(args, env, port);
      }
      const api = new ApiClient(node.url);
      try {
        const height = await readHeight(api);
        if (height !== undefined) {
          assert.ok(height >= maxHeight, `height went back from ${maxHeight} to ${height}`);
        }
        await checkIncluded(api, included);
      } catch (e) {
        // An injected crash may kill the node while we check; anything else is a failure.
        await new Promise((r) => setTimeout(r, 200));
        if (!unreachable(e) || !dead(node)) throw e;
      }

      // Submit transfers and watch for inclusion until the node dies (injected) or we kill it.
      const killAt = Date.now() + 1500 + Math.random() * 2500;
      while (Date.now() < killAt && !dead(node)) {
        try {
          for (const s of senders) {
            const acct = await getAccount(api, { address: encodeAddress(s.pub) });
            const tx = transferTx(s, acct.pendingNonce, receiver.pub, 1n + BigInt(round));
            // A refusal (the node answered) is fine here; only a dead node ends the round.
            await submitTx(api, { tx: toHex(Tx.serialize(tx)) }).catch(answered);
          }
          // No reading (the node answered with an error, e.g. a refusal): try again next turn.
          const height = await readHeight(api, 1);
          if (height === undefined) continue;
          maxHeight = Math.max(maxHeight, height);
          for (const b of [height, height - 1]) {
            if (b < 1) continue;
            const blk = await getBlock(api, { id: b }).catch(answered);
            if (blk) for (const h of blk.txs) included.set(h, blk.height);
          }
        } catch (e) {
          if (!(e instanceof ApiError)) break; // the process died under us (injected crash)
          // The node answered with an error (e.g. 429/503): not a death, keep going.
        } finally {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      if (node.output.includes("crash injected")) injectedCrashes++;
      await node.kill("SIGKILL");
    }

    // Final restart without fault injection: everything must be there and add up.
    const node = await NodeProcess.start(
      args.filter((a) => a !== "--mine"),
      {},
      port,
    );
    assert.ok(await node.ready(), node.output);
    const api = new ApiClient(node.url);
    try {
      const height = await readHeight(api);
      assert.ok(height !== undefined, `no status reading after the last restart:\n${node.output}`);
      assert.ok(height >= maxHeight, `height ${height} < ${maxHeight} seen before a crash`);
      assert.ok(height > 0, "the node mined nothing");
      assert.ok(included.size > 0, "no transaction was included");
      await checkIncluded(api, included);
      let total = 0n;
      for (const k of [...senders, testKey(3), testKey(4), receiver, coinbase]) {
        total += BigInt((await getAccount(api, { address: encodeAddress(k.pub) })).balance);
      }
      const expected =
        genesis.alloc.reduce((s, a) => s + a.balance, 0n) + genesis.params.initialReward * BigInt(height);
      assert.equal(total, expected, "coins were created or destroyed");
    } finally {
      await node.kill("SIGTERM");
    }
    t.diagnostic(
      `rounds=${ROUNDS} injectedCrashes=${injectedCrashes} recoveryCrashes=${recoveryCrashes} includedTxs=${included.size} maxHeight=${maxHeight}`,
    );
    assert.ok(
      injectedCrashes + recoveryCrashes > 0,
      "no injected crash happened: the test did not test the write path",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function dead(node: NodeProcess): boolean {
  return node.proc.exitCode !== null || node.proc.signalCode !== null;
}

/** The node could not be reached, or hung up mid-answer: it died (e.g. an injected crash). */
function unreachable(e: unknown): boolean {
  return e instanceof TypeError || (e instanceof TelchainError && e.code === "NODE_UNREACHABLE");
}

/**
 * The node's height from GET /v1/status, or undefined when there is no reading: the node
 * answered with an error status (e.g. 429 RATE_LIMITED, 503 while stopping) `tries` times in
 * a row, half a second apart, or its answer has no whole height. Never NaN. An unreachable
 * node throws, as before (the caller decides whether it died).
 */
async function readHeight(api: ApiClient, tries = 10): Promise<number | undefined> {
  for (let i = 0; i < tries; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 500));
    const status = await getStatus(api).catch(answered);
    if (status !== undefined && Number.isSafeInteger(status.height) && status.height >= 0)
      return status.height;
  }
  return undefined;
}

/** For `.catch`: a refusal the node answered (any error status) becomes undefined; anything else is rethrown. */
function answered(e: unknown): undefined {
  if (e instanceof ApiError) return undefined;
  throw e;
}

async function checkIncluded(api: ApiClient, included: Map<string, number>): Promise<void> {
  for (const [hash, height] of included) {
    const tx = await withRetries(() => getTx(api, { hash })).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404)
        assert.fail(`included tx ${hash} is unknown after a restart`);
      throw e;
    });
    assert.equal(tx.status, "included");
    assert.equal(tx.height, height);
  }
}

/** Retries a call the node refused for now (429, 503), a bounded number of times; other failures at once. */
async function withRetries<T>(call: () => Promise<T>, tries = 10): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (e) {
      if (i >= tries || !(e instanceof ApiError) || (e.status !== 429 && e.status !== 503)) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
