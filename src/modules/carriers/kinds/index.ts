/** The carriers kinds and their typed call builders (used by the CLI and the tests). */
import { calls } from "../../../module/kind.js";
import { register } from "./register.js";
import { rotateKeys } from "./rotate-keys.js";
import { update } from "./update.js";

export const carriersKinds = { register, update, "rotate-keys": rotateKeys };
export const carriersCalls = calls("carriers", carriersKinds);
