/**
 * The market module's provable records (Module.proofs, src/module/proof.ts): an order by id
 * (kept after it closes) and a voucher class's book header by class id. Browser-safe: the SDK
 * bundles it.
 */
import { idParam, idParser } from "../../module/ids.js";
import { defineProof } from "../../module/proof.js";
import { parseClass } from "./ids.js";
import { BookEntry, OrderEntry } from "./schemas.js";
import { bookKey, orderKey } from "./store.js";

export const marketProofs = [
  defineProof({
    record: "order",
    about: "an order by id: owner, class, side, price, quantity, filled, status",
    param: idParam(idParser("MARKET_BAD_ORDER"), "order"),
    key: (id) => orderKey(Number(id)),
    value: OrderEntry,
  }),
  defineProof({
    record: "book",
    about: "a voucher class's order book header by class id: orders, quantities, escrow, last auction",
    param: { help: "the voucher class id (1, 2, …)", maxLength: 16, parse: (raw) => String(parseClass(raw)) },
    key: (id) => bookKey(Number(id)),
    value: BookEntry,
  }),
];
