import assert from "node:assert/strict";
import { test } from "node:test";
import { SyncProgress } from "./sync-progress.js";
import { memoryLog } from "./testing.js";

test("sync progress: pending, then rate, target and ETA while importing; idle state afterwards", () => {
  let now = 0;
  let height = 100;
  const log = memoryLog();
  const progress = new SyncProgress(
    log,
    () => height,
    () => now,
  );
  assert.deepEqual(progress.state(), {
    syncing: false,
    phase: "idle",
    height: 100,
    targetHeight: 100,
    rate: 0,
  });

  // Pending: a peer's claim is being checked against its headers; not syncing (the miner goes on).
  progress.seek();
  assert.deepEqual(progress.state(), {
    syncing: false,
    phase: "pending",
    height: 100,
    targetHeight: 100,
    rate: 0,
  });

  progress.begin(400);
  for (let i = 0; i < 50; i++) {
    progress.blockImported();
    height++;
  }
  now += 2_000;
  assert.deepEqual(progress.state(), {
    syncing: true,
    phase: "importing",
    height: 150,
    targetHeight: 400,
    rate: 25,
  });
  progress.logProgress();
  assert.equal(log.lines.at(-1)?.msg, "syncing 150/400, 25 blocks/s, ETA 10s");

  progress.begin(300); // a lower target never shrinks the current one
  assert.equal(progress.state().targetHeight, 400);
  // That peer failed; the next one is pending again: not syncing, but the run's rate goes on.
  progress.seek();
  assert.deepEqual(progress.state(), {
    syncing: false,
    phase: "pending",
    height: 150,
    targetHeight: 150,
    rate: 25,
  });
  progress.end();
  assert.deepEqual(progress.state(), {
    syncing: false,
    phase: "idle",
    height: 150,
    targetHeight: 150,
    rate: 0,
  });
  assert.equal(log.lines.at(-1)?.msg, "sync done at height 150: 50 blocks in 2.0s");

  // A sync that never got past pending logs no "sync done" line.
  const lines = log.lines.length;
  progress.seek();
  progress.end();
  assert.equal(log.lines.length, lines);
  assert.equal(progress.state().phase, "idle");
});
