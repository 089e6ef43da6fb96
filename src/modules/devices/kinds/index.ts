/** The devices kinds and their typed call builders (used by the CLI and the tests). */
import { calls } from "../../../module/kind.js";
import { register } from "./register.js";
import { flag, recover, reportStolen } from "./stolen.js";
import { accept, cancelTransfer, transfer } from "./transfer.js";

export const devicesKinds = {
  register,
  transfer,
  accept,
  "cancel-transfer": cancelTransfer,
  "report-stolen": reportStolen,
  flag,
  recover,
};

export const devicesCalls = calls("devices", devicesKinds);
