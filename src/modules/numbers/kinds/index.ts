/** The numbers kinds and their typed call builders (used by the CLI and the tests). */
import { calls } from "../../../module/kind.js";
import { acceptPort } from "./accept-port.js";
import { claim } from "./claim.js";
import { confirm } from "./confirm.js";
import { port } from "./port.js";
import { release } from "./release.js";

export const numbersKinds = { claim, confirm, port, "accept-port": acceptPort, release };
export const numbersCalls = calls("numbers", numbersKinds);
