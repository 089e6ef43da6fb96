/** Codes of the miner. */
import { defineErrors } from "../errors.js";

export const MINER_ERRORS = defineErrors("miner", {
  MINER_WORKER_FAILED: { class: "internal", description: "A proof-of-work worker thread failed." },
});
