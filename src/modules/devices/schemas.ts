/**
 * SSZ schemas of the devices module: transaction payloads and stored values (keys: store.ts).
 * The IMEI travels as its 15 ASCII digits (a ByteList[32] on the wire, refused at decode
 * unless 15 digits; each kind's parse checks the Luhn check digit).
 */
import { BooleanType, ContainerType, UintNumberType, type ValueOf } from "@chainsafe/ssz";
import { Bytes32, Uint53 } from "../../codec/schema.js";
import { text } from "../../codec/text.js";

const Uint8 = new UintNumberType(1);
const imeiRule = { pattern: /^[0-9]{15}$/, describe: "an IMEI of 15 digits", code: "DEVICES_BAD_IMEI" };
export const ImeiText = text({ maxBytes: 32, ...imeiRule });
/** Longest carrier id a flag records (the carriers module's ids are far shorter); "" = the owner. */
export const MAX_CARRIER_ID_BYTES = 64;
const By = text({ maxBytes: MAX_CARRIER_ID_BYTES, describe: "a carrier id, or empty for the owner" });

/** Why a device is flagged; payloads and records carry the index. */
export const REASONS = ["lost", "stolen", "fraud"] as const;

/** register, accept, cancel-transfer, recover: just the device. */
export const ImeiPayload = new ContainerType({ imei: ImeiText }, { typeName: "DevicesImei" });
/** transfer: the owner offers the device to `to`, who completes it with accept. */
export const TransferPayload = new ContainerType(
  { imei: ImeiText, to: Bytes32 },
  { typeName: "DevicesTransfer" },
);
/** report-stolen and flag; `evidence` is a hash (e.g. of a police report), all zeros for none. */
export const FlagPayload = new ContainerType(
  { imei: ImeiText, reason: Uint8, evidence: Bytes32 },
  { typeName: "DevicesFlag" },
);

/**
 * A registered device. `flagged` while reported (flaggedBy "") or flagged by a carrier (its
 * id); `reason` indexes REASONS; `since` is the height of the latest change of status
 * (registration, report/flag, recovery); `events` counts its history events.
 */
export const DeviceEntry = new ContainerType(
  {
    owner: Bytes32,
    registeredAt: Uint53,
    flagged: new BooleanType(),
    reason: Uint8,
    flaggedBy: By,
    evidence: Bytes32,
    since: Uint53,
    events: new UintNumberType(4),
  },
  { typeName: "DevicesEntry" },
);
export type DeviceEntry = ValueOf<typeof DeviceEntry>;

/** An open transfer offer. */
export const PendingTransfer = new ContainerType(
  { to: Bytes32, height: Uint53 },
  { typeName: "DevicesPending" },
);

/** What happened to a device; the offer and its cancellation are not history. */
export const EVENTS = ["registered", "transferred", "reported", "flagged", "recovered"] as const;
export const eventIndex = (name: (typeof EVENTS)[number]): number => EVENTS.indexOf(name);

/**
 * One history event, on purpose without an address (privacy: routes.ts). `reason` and `by`
 * (the carrier that acted, "" for the owner) are set for reported/flagged/recovered.
 */
export const HistoryEvent = new ContainerType(
  { event: Uint8, height: Uint53, reason: Uint8, by: By },
  { typeName: "DevicesHistoryEvent" },
);
export type HistoryEvent = ValueOf<typeof HistoryEvent>;
