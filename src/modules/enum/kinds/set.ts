/** enum/set: the owner replaces the NAPTR records of a number. */
import type { TxKind } from "../../../module/interface.js";
import { validateSszRecords } from "../records.js";
import { SetPayload } from "../schemas.js";
import { readParams, writeNumber } from "../store.js";
import { ownedEntry, payloadNumber, recordsJson, safeText } from "./common.js";

export const set: TxKind<SetPayload> = {
  payload: SetPayload,
  check(p) {
    payloadNumber(p.number);
    validateSszRecords(p.records);
  },
  apply(ctx, p) {
    const params = readParams(ctx.state);
    const n = payloadNumber(p.number);
    const records = validateSszRecords(p.records, params.maxRecords);
    const entry = ownedEntry(ctx, params, n);
    writeNumber(ctx.state, n.digits, { ...entry, records });
  },
  toJSON: (p) => ({ number: safeText(p.number), records: recordsJson(p.records) }),
};
