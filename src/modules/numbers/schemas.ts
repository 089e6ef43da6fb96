/**
 * SSZ schemas of the numbers module (number portability): payloads and stored values.
 * Numbers, carrier ids and routing numbers travel as UTF-8 byte lists; their rules are in
 * number-args.ts (numbers: enum/e164.ts) and carriers/validate.ts.
 */
import { BooleanType, ByteListType, ContainerType, UintNumberType } from "@chainsafe/ssz";
import { Bytes32, Uint53, Uint64 } from "../../codec/schema.js";
import { CarrierIdBytes, MAX_PREFIX_DIGITS } from "../carriers/schemas.js";

/** "+" and at most 15 digits (E.164). */
export const NumberText = new ByteListType(16);
/** Digits of a routing number (no "+"); empty in a payload = the carrier's first prefix. */
export const RoutingNumberText = new ByteListType(MAX_PREFIX_DIGITS);

// ---- transaction payloads (module "numbers") ----

/** numbers/claim: the sender claims a number with a carrier; claimDeposit is locked. */
export const ClaimPayload = new ContainerType(
  { number: NumberText, carrier: CarrierIdBytes },
  { typeName: "NumbersClaim" },
);
export interface ClaimPayload {
  number: Uint8Array;
  carrier: Uint8Array;
}

/** numbers/confirm (claim's carrier) and numbers/accept-port (gaining carrier). */
export const CarrierActPayload = new ContainerType(
  { number: NumberText, routingNumber: RoutingNumberText },
  { typeName: "NumbersCarrierAct" },
);
export interface CarrierActPayload {
  number: Uint8Array;
  routingNumber: Uint8Array;
}

/** numbers/port: the holder asks to move the number to another carrier; portFee is burned. */
export const PortPayload = new ContainerType(
  { number: NumberText, toCarrier: CarrierIdBytes },
  { typeName: "NumbersPort" },
);
export interface PortPayload {
  number: Uint8Array;
  toCarrier: Uint8Array;
}

/** numbers/release: the holder gives the number (or its pending claim) up; deposit back. */
export const ReleasePayload = new ContainerType({ number: NumberText }, { typeName: "NumbersRelease" });
export interface ReleasePayload {
  number: Uint8Array;
}

// ---- stored values (keys: see store.ts) ----

/** A claimed (pending) or confirmed (active) number. */
export const NumberRecord = new ContainerType(
  {
    holder: Bytes32,
    carrier: CarrierIdBytes,
    /** Digits; empty while the claim is pending. */
    routingNumber: RoutingNumberText,
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
export interface NumberRecord {
  holder: Uint8Array;
  carrier: Uint8Array;
  routingNumber: Uint8Array;
  active: boolean;
  ported: boolean;
  deposit: bigint;
  claimedAt: number;
  confirmBy: number;
  confirmedAt: number;
}

/** A pending port of a number (at most one). */
export const PortRequest = new ContainerType(
  { toCarrier: CarrierIdBytes, requestedAt: Uint53, deadline: Uint53 },
  { typeName: "NumbersPortRequest" },
);
export interface PortRequest {
  toCarrier: Uint8Array;
  requestedAt: number;
  /** Last height at which the gaining carrier may accept. */
  deadline: number;
}

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

export const HistoryEvent = new ContainerType(
  {
    /** Index into EVENT_KINDS. */
    kind: new UintNumberType(1),
    height: Uint53,
    fromCarrier: CarrierIdBytes,
    toCarrier: CarrierIdBytes,
    routingNumber: RoutingNumberText,
  },
  { typeName: "NumbersHistoryEvent" },
);
export interface HistoryEvent {
  kind: number;
  height: number;
  fromCarrier: Uint8Array;
  toCarrier: Uint8Array;
  routingNumber: Uint8Array;
}

/** The module's parameters, fixed at genesis (params.ts). */
export const ParamsEntry = new ContainerType(
  { claimDeposit: Uint64, portFee: Uint64, confirmDeadline: Uint53, portDeadline: Uint53 },
  { typeName: "NumbersParams" },
);
export interface NumbersParams {
  claimDeposit: bigint;
  portFee: bigint;
  confirmDeadline: number;
  portDeadline: number;
}
