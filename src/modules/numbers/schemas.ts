/** SSZ schemas of the numbers module; text fields are checked where decoded, E.164 by the kinds' parse. */
import type { ValueOf } from "@chainsafe/ssz";
import { Bool, Bytes32, container, Uint8, Uint53, Uint64 } from "../../codec/schema.js";
import { text } from "../../codec/text.js";

const ID = { maxBytes: 8, name: "carrier id", describe: "3 to 8 upper-case letters or digits" };
const NumberText = text({ maxBytes: 16, name: "number", describe: "E.164", code: "NUMBERS_BAD_NUMBER" });
/** A malformed carrier id cannot name a registered carrier. */
const CarrierId = text({ ...ID, pattern: /^[A-Z0-9]{3,8}$/, code: "NUMBERS_CARRIER_UNKNOWN" });
const EventCarrier = text(ID); // in a history event: a carrier id or nothing
/** Digits (no "+"); empty in a payload = the carrier's first prefix, in a record = none yet. */
const RoutingNumber = text({
  maxBytes: 15,
  pattern: /^(?:[1-9][0-9]*)?$/,
  name: "routing number",
  describe: "digits not starting with 0 (or empty for the carrier's first prefix)",
  code: "NUMBERS_BAD_ROUTING_NUMBER",
});

/** numbers/claim: the sender claims a number with a carrier; claimDeposit is locked. */
export const ClaimPayload = container("NumbersClaim", { number: NumberText, carrier: CarrierId });
/** numbers/confirm (the claim's carrier) and numbers/accept-port (the gaining carrier). */
export const CarrierActPayload = container("NumbersCarrierAct", {
  number: NumberText,
  routingNumber: RoutingNumber,
});
/** numbers/port: the holder asks to move the number to another carrier; portFee is burned. */
export const PortPayload = container("NumbersPort", { number: NumberText, toCarrier: CarrierId });
/** numbers/release: the holder gives the number (or its pending claim) up; deposit back. */
export const ReleasePayload = container("NumbersRelease", { number: NumberText });

/** A claimed (active: false, waiting for the carrier until confirmBy) or confirmed number. */
export const NumberRecord = container("NumbersRecord", {
  holder: Bytes32,
  carrier: CarrierId,
  routingNumber: RoutingNumber,
  active: Bool,
  ported: Bool,
  /** Locked at claim, credited back to the holder at release. */
  deposit: Uint64,
  claimedAt: Uint53,
  confirmBy: Uint53,
  /** 0 while pending. */
  confirmedAt: Uint53,
});
export type NumberRecord = ValueOf<typeof NumberRecord>;

/** A pending port (at most one); deadline: the last height the gaining carrier may accept. */
export const PortRequest = container("NumbersPortRequest", {
  toCarrier: CarrierId,
  requestedAt: Uint53,
  deadline: Uint53,
});

/** What happened to a number, in order. */
export const EVENTS = [
  "claimed",
  "confirmed",
  "ported",
  "released",
  "claim-cancelled",
  "claim-lapsed",
] as const;
export type EventKind = (typeof EVENTS)[number];
export const HistoryEvent = container("NumbersHistoryEvent", {
  /** Index into EVENTS. */
  kind: Uint8,
  height: Uint53,
  fromCarrier: EventCarrier,
  toCarrier: EventCarrier,
  routingNumber: RoutingNumber,
});

/** The module's parameters, fixed at genesis (params.ts). */
export const ParamsEntry = container("NumbersParams", {
  claimDeposit: Uint64,
  portFee: Uint64,
  confirmDeadline: Uint53,
  portDeadline: Uint53,
});
export type NumbersParams = ValueOf<typeof ParamsEntry>;
