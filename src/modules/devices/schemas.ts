/**
 * SSZ schemas of the devices module: transaction payloads and the values it stores
 * (keys: see store.ts). The IMEI travels as its 15 ASCII digits; the list bound is looser
 * than 15 so that a wrong length reaches the IMEI check and its clear DEVICES_BAD_IMEI
 * message instead of a codec error.
 */
import { BooleanType, ByteListType, ContainerType, UintNumberType } from "@chainsafe/ssz";
import { Bytes32, Uint53 } from "../../codec/schema.js";

const Uint8 = new UintNumberType(1);
const Uint32 = new UintNumberType(4);

export const ImeiText = new ByteListType(32);
/** Longest carrier id stored with a flag (the carriers module's ids are far shorter). */
export const MAX_CARRIER_ID_BYTES = 64;
const CarrierId = new ByteListType(MAX_CARRIER_ID_BYTES);

/** Why a device is flagged; the payload carries the index. */
export const REASONS = ["lost", "stolen", "fraud"] as const;
export type Reason = (typeof REASONS)[number];

// ---- transaction payloads (module "devices") ----

/** register, accept, cancel-transfer, recover: just the device. */
export const ImeiPayload = new ContainerType({ imei: ImeiText }, { typeName: "DevicesImei" });
export interface ImeiPayload {
  imei: Uint8Array;
}

/** transfer: the owner offers the device to `to`, who completes it with accept. */
export const TransferPayload = new ContainerType(
  { imei: ImeiText, to: Bytes32 },
  { typeName: "DevicesTransfer" },
);
export interface TransferPayload {
  imei: Uint8Array;
  to: Uint8Array;
}

/**
 * report-stolen (by the owner) and flag (by a carrier operator). `evidence` is a hash of
 * e.g. a police report, all zeros for none; the document itself never goes on chain.
 */
export const FlagPayload = new ContainerType(
  { imei: ImeiText, reason: Uint8, evidence: Bytes32 },
  { typeName: "DevicesFlag" },
);
export interface FlagPayload {
  imei: Uint8Array;
  reason: number;
  evidence: Uint8Array;
}

// ---- stored values ----

/** A registered device. */
export const DeviceEntry = new ContainerType(
  {
    owner: Bytes32,
    registeredAt: Uint53,
    /** True while reported (by the owner) or flagged (by a carrier). */
    flagged: new BooleanType(),
    /** Index into REASONS (meaningful while flagged). */
    reason: Uint8,
    /** Carrier id (UTF-8) that flagged it; empty when the owner reported it. */
    flaggedBy: CarrierId,
    evidence: Bytes32,
    /** Height of the latest change of status (registration, report/flag, recovery). */
    since: Uint53,
    /** Number of history events written (the next event's sequence number). */
    events: Uint32,
  },
  { typeName: "DevicesEntry" },
);
export interface DeviceEntry {
  owner: Uint8Array;
  registeredAt: number;
  flagged: boolean;
  reason: number;
  flaggedBy: Uint8Array;
  evidence: Uint8Array;
  since: number;
  events: number;
}

/** An open transfer offer. */
export const PendingTransfer = new ContainerType(
  { to: Bytes32, height: Uint53 },
  { typeName: "DevicesPending" },
);
export interface PendingTransfer {
  to: Uint8Array;
  height: number;
}

/** What happened to a device; the payload-free kinds (offer, cancel) are not history. */
export const EVENTS = ["registered", "transferred", "reported", "flagged", "recovered"] as const;
export type EventName = (typeof EVENTS)[number];

/**
 * One history event. On purpose it holds no address: who owned the device before is not
 * part of its record (see the privacy note in routes.ts).
 */
export const HistoryEvent = new ContainerType(
  {
    event: Uint8,
    height: Uint53,
    /** Index into REASONS for reported/flagged, else 0. */
    reason: Uint8,
    /** reported/recovered/flagged: the carrier id that acted, empty for the owner. */
    by: CarrierId,
  },
  { typeName: "DevicesHistoryEvent" },
);
export interface HistoryEvent {
  event: number;
  height: number;
  reason: number;
  by: Uint8Array;
}

export const eventIndex = (name: EventName): number => EVENTS.indexOf(name);
