/** Codes of the miner. */
import { defineErrors } from "../errors.js";

export const MINER_ERRORS = defineErrors("miner", {
  MINER_WORKER_FAILED: { class: "internal", description: "A proof-of-work worker thread failed." },
  MINER_BAD_THREADS: {
    class: "invalid",
    description: "The number of mining threads must be a positive integer.",
  },
  MINER_BAD_HEADER: { class: "internal", description: "A header to mine is not the size of a block header." },
  MINER_BAD_TARGET: { class: "internal", description: "A mining target outside [0, 2^256)." },
  MINER_CLOSED: {
    class: "unavailable",
    description: "The proof-of-work search was closed (the node is stopping).",
  },
});
