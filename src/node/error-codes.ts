/** Codes of the node: starting it, and the checks it makes before a transaction reaches the mempool. */
import { defineErrors } from "../errors.js";

export const NODE_ERRORS = defineErrors("node", {
  TX_OVERSIZE: { class: "invalid", description: "The transaction is over the maximum transaction size." },
  TX_ALREADY_INCLUDED: {
    class: "invalid",
    description: "The transaction is already in a block of the chain.",
  },
  TX_BAD_SIGNATURE: {
    class: "invalid",
    description: "The signature does not verify for the sender on this chain (check the chain id).",
  },
  GENESIS_MISSING: {
    class: "invalid",
    description: "No network given: start with --dev for a development chain or --genesis FILE.",
  },
  COINBASE_MISSING: {
    class: "invalid",
    description: "Mining needs --coinbase ADDRESS to receive block rewards.",
  },
  DATADIR_LOCKED: { class: "conflict", description: "Another running node uses this data directory." },
  API_LISTEN_FAILED: {
    class: "unavailable",
    description: "The HTTP API cannot listen on the address given (in use, or not allowed).",
  },
  P2P_START_FAILED: {
    class: "unavailable",
    description: "Networking cannot start on the p2p address given.",
  },
  LOG_FILE_FAILED: {
    class: "unavailable",
    description: "The --log-file cannot be opened for writing (permissions, or a folder in the way).",
  },
  MODULE_START_FAILED: {
    class: "unavailable",
    description: "A module's service (e.g. the ENUM DNS server) cannot start, so the node stops.",
  },
});
