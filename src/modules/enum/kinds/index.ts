/** The ENUM module's transaction kinds, and their typed call builders (CLI, tests). */
import { calls } from "../../../module/kind.js";
import { reattest, renew, set, transfer } from "./owner.js";
import { commit, register } from "./register.js";
import { verifierRegister, verifierRevoke } from "./verifier.js";

export const enumKinds = {
  commit,
  register,
  set,
  transfer,
  renew,
  reattest,
  "verifier-register": verifierRegister,
  "verifier-revoke": verifierRevoke,
};

export const enumCalls = calls("enum", enumKinds);
