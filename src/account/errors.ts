/** Codes of the core account module (key rotation and memo keys). */
import { defineErrors } from "../errors.js";

export const ACCOUNT_ERRORS = defineErrors("account", {
  ACCOUNT_BAD_KEY: {
    class: "invalid",
    description:
      "The new authorising key is not a usable Ed25519 public key (not canonical, small order or not on the curve): nobody could ever sign with it.",
  },
  ACCOUNT_SAME_KEY: {
    class: "conflict",
    description: "The account's authorising key is already this key.",
  },
  ACCOUNT_BAD_MEMO_KEY: {
    class: "invalid",
    description: "A memo key is a 32-byte X25519 public key, not all zero.",
  },
});
