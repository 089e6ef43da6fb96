/**
 * SSZ schemas of the numbers module (number portability): payloads and stored values. Text
 * fields are UTF-8 strings encoded as byte lists, checked where decoded; the E.164 rule of a
 * number (src/telephony/e164.ts) is in the kinds' parse.
 */
import { BooleanType, ContainerType, UintNumberType, type ValueOf } from "@chainsafe/ssz";
import { Bytes32, Uint53, Uint64 } from "../../codec/schema.js";
import { text } from "../../codec/text.js";

const ID = { maxBytes: 8, name: "carrier id", describe: "3 to 8 upper-case letters or digits" };
/** "+" and at most 15 digits (E.164). */
const NumberText = text({
  maxBytes: 16,
  name: "number",
  describe: "an E.164 number (+ and digits)",
  code: "NUMBERS_BAD_NUMBER",
});
/** A carrier id: a malformed one cannot name a registered carrier. */
const CarrierId = text({ ...ID, pattern: /^[A-Z0-9]{3,8}$/, code: "NUMBERS_CARRIER_UNKNOWN" });
/** Digits of a routing number (no "+"); empty in a payload = the carrier's first prefix. */
const RoutingNumber = text({
  maxBytes: 15,
  pattern: /^(?:[1-9][0-9]*)?$/,
  name: "routing number",
  describe: "digits not starting with 0 (or empty for the carrier's first prefix)",
  code: "NUMBERS_BAD_ROUTING_NUMBER",
});

// ---- transaction payloads (module "numbers") ----

/** numbers/claim: the sender claims a number with a carrier; claimDeposit is locked. */
export const ClaimPayload = new ContainerType(
  { number: NumberText, carrier: CarrierId },
  { typeName: "NumbersClaim" },
);
/** numbers/confirm (claim's carrier) and numbers/accept-port (gaining carrier). */
export const CarrierActPayload = new ContainerType(
  { number: NumberText, routingNumber: RoutingNumber },
  { typeName: "NumbersCarrierAct" },
);
/** numbers/port: the holder asks to move the number to another carrier; portFee is burned. */
export const PortPayload = new ContainerType(
  { number: NumberText, toCarrier: CarrierId },
  { typeName: "NumbersPort" },
);
/** numbers/release: the holder gives the number (or its pending claim) up; deposit back. */
export const ReleasePayload = new ContainerType({ number: NumberText }, { typeName: "NumbersRelease" });

// ---- stored values (keys: see store.ts) ----

/** A claimed (pending) or confirmed (active) number. */
export const NumberRecord = new ContainerType(
  {
    holder: Bytes32,
    carrier: CarrierId,
    /** Empty while the claim is pending. */
    routingNumber: RoutingNumber,
    /** False while the claim waits for the carrier's confirmation. */
    active: new BooleanType(),
    /** True once the number has moved to another carrier. */
    ported: new BooleanType(),
    /** Locked at claim, credited back to the holder at release. */
    deposit: Uint64,
    claimedAt: Uint53,
    /** Last height at which the carrier may confirm the claim. */
    confirmBy: Uint53,
    /** 0 while pending. */
    confirmedAt: Uint53,
  },
  { typeName: "NumbersRecord" },
);
export type NumberRecord = ValueOf<typeof NumberRecord>;

/** A pending port of a number (at most one); deadline: the last height the gaining carrier may accept. */
export const PortRequest = new ContainerType(
  { toCarrier: CarrierId, requestedAt: Uint53, deadline: Uint53 },
  { typeName: "NumbersPortRequest" },
);

/** What happened to a number, in order. */
export const EVENT_KINDS = [
  "claimed",
  "confirmed",
  "ported",
  "released",
  "claim-cancelled",
  "claim-lapsed",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Carrier fields empty when they do not apply. */
const EventCarrier = text({ ...ID, describe: "a carrier id or nothing" });
export const HistoryEvent = new ContainerType(
  {
    /** Index into EVENT_KINDS. */
    kind: new UintNumberType(1),
    height: Uint53,
    fromCarrier: EventCarrier,
    toCarrier: EventCarrier,
    routingNumber: RoutingNumber,
  },
  { typeName: "NumbersHistoryEvent" },
);

/** The module's parameters, fixed at genesis (params.ts). */
export const ParamsEntry = new ContainerType(
  { claimDeposit: Uint64, portFee: Uint64, confirmDeadline: Uint53, portDeadline: Uint53 },
  { typeName: "NumbersParams" },
);
export type NumbersParams = ValueOf<typeof ParamsEntry>;
