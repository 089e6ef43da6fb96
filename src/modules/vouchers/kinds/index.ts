/** The vouchers kinds and their typed call builders (CLI, tests, clients). */
import { calls } from "../../../module/kind.js";
import { createClass } from "./class.js";
import { buy, publish } from "./offer.js";
import { issue, redeem, transfer, transferMemo } from "./units.js";

export const vouchersKinds = {
  "class-create": createClass,
  issue,
  transfer,
  "transfer-memo": transferMemo,
  redeem,
  "offer-publish": publish,
  "offer-buy": buy,
};

export const vouchersCalls = calls("vouchers", vouchersKinds);
