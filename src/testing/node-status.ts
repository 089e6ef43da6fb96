/** A node status for tests of the API, the client and the CLI against a fake node. */
import type { NodeStatus } from "../node/types.js";

/** An idle, synced dev node at height 0 with an empty mempool; `over` sets the fields a test cares about. */
export function nodeStatus(over: Partial<NodeStatus> = {}): NodeStatus {
  return {
    chainId: "telchain-dev",
    genesisHash: "0".repeat(64),
    height: 0,
    headHash: "a".repeat(64),
    difficulty: 1,
    bits: "1f00ffff",
    nextBits: "1f00ffff",
    peers: 0,
    syncing: false,
    syncPhase: "idle",
    targetHeight: 0,
    peerId: null,
    listen: [],
    mining: false,
    hashRate: 0,
    mempool: { size: 0, bytes: 0 },
    minFeePerByte: "1",
    version: "0.1.0",
    ...over,
  };
}
