/**
 * The catalogues of the core packages. Importing this registers their codes (modules
 * register theirs through Module.errors); the API and the catalogue test load it.
 */
import { API_ERRORS } from "./api/error-codes.js";
import { CHAIN_ERRORS } from "./chain/error-codes.js";
import { CRYPTO_ERRORS } from "./crypto/error-codes.js";
import type { ErrorCatalogue } from "./errors.js";
import { MINER_ERRORS } from "./miner/error-codes.js";
import { STATE_ERRORS } from "./state/error-codes.js";

export const CORE_ERROR_CATALOGUES: ErrorCatalogue[] = [
  API_ERRORS,
  CHAIN_ERRORS,
  CRYPTO_ERRORS,
  MINER_ERRORS,
  STATE_ERRORS,
];
