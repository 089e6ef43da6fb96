/** Codes of the mempool: admission of pending transactions. */
import { defineErrors } from "../errors.js";

export const MEMPOOL_ERRORS = defineErrors("mempool", {
  TX_NONCE_TOO_LOW: {
    class: "invalid",
    description: "The nonce was already used by a transaction of this sender in a block.",
  },
  MEMPOOL_DUPLICATE: { class: "invalid", description: "The transaction is already in the mempool." },
  MEMPOOL_NONCE_GAP: {
    class: "invalid",
    description: "The nonce leaves a gap after the sender's next nonce (chain plus pending).",
  },
  MEMPOOL_SENDER_LIMIT: {
    class: "invalid",
    description: "The sender already has the maximum number of pending transactions.",
  },
  MEMPOOL_REPLACEMENT_UNDERPRICED: {
    class: "invalid",
    description: "Replacing a pending transaction needs a fee rate higher by the replacement bump.",
  },
  MEMPOOL_FULL: {
    class: "invalid",
    description: "The mempool is full and the transaction's fee rate is too low to evict another.",
  },
});
