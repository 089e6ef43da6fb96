/**
 * The catalogues of the core packages. Importing this registers their codes (modules
 * register theirs through Module.errors); the API and the catalogue test load it.
 */
import { ACCOUNT_ERRORS } from "./account/errors.js";
import { API_ERRORS } from "./api/error-codes.js";
import { CHAIN_ERRORS } from "./chain/error-codes.js";
import { CLI_ERRORS, CLIENT_ERRORS } from "./cli/error-codes.js";
import { CODEC_ERRORS } from "./codec/error-codes.js";
import { CRYPTO_ERRORS } from "./crypto/error-codes.js";
import type { ErrorCatalogue } from "./errors.js";
import { MEMPOOL_ERRORS } from "./mempool/error-codes.js";
import { MINER_ERRORS } from "./miner/error-codes.js";
import { MODULE_ERRORS } from "./module/error-codes.js";
import { NODE_ERRORS } from "./node/error-codes.js";
import { P2P_ERRORS } from "./p2p/error-codes.js";
import { SDK_ERRORS } from "./sdk/error-codes.js";
import { STATE_ERRORS } from "./state/error-codes.js";

export const CORE_ERROR_CATALOGUES: ErrorCatalogue[] = [
  API_ERRORS,
  ACCOUNT_ERRORS,
  CHAIN_ERRORS,
  CODEC_ERRORS,
  CRYPTO_ERRORS,
  STATE_ERRORS,
  MEMPOOL_ERRORS,
  MODULE_ERRORS,
  MINER_ERRORS,
  NODE_ERRORS,
  P2P_ERRORS,
  CLI_ERRORS,
  CLIENT_ERRORS,
  SDK_ERRORS,
];
