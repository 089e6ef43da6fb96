/**
 * SSZ schemas: the single canonical binary encoding of transactions, headers and blocks.
 * The TypeScript types of these objects are derived from the schemas, never written twice.
 */
import {
  BooleanType,
  ByteListType,
  ByteVectorType,
  ContainerType,
  ListCompositeType,
  UintBigintType,
  UintNumberType,
  type ValueOf,
} from "@chainsafe/ssz";
import { MAX_BLOCK_TXS, MAX_NAME_BYTES, MAX_PAYLOAD_BYTES } from "./limits.js";

export const Bytes32 = new ByteVectorType(32);
export const Bytes64 = new ByteVectorType(64);
export const Uint32 = new UintNumberType(4);
/** A uint64 that must stay below 2^53 (heights, timestamps, nonces of accounts). */
export const Uint53 = new UintNumberType(8);
/** A full uint64 as bigint (amounts in base units, PoW nonce). */
export const Uint64 = new UintBigintType(8);
export const Name = new ByteListType(MAX_NAME_BYTES);
export const Uint8 = new UintNumberType(1);
export const Uint16 = new UintNumberType(2);
export const Bool = new BooleanType();
/** A uint128 as bigint: sums over many uint64 amounts, so a total can always be written. */
export const Uint128 = new UintBigintType(16);

/** A container type named `typeName` (the modules' schemas.ts write theirs with it). */
export const container = <F extends ConstructorParameters<typeof ContainerType>[0]>(
  typeName: string,
  fields: F,
) => new ContainerType(fields, { typeName });

/** Everything the sender signs. */
export const TxBody = new ContainerType(
  {
    /** Ed25519 public key of the sender; also its address. */
    sender: Bytes32,
    /** Must equal the sender account's nonce (number of transactions it has sent). */
    nonce: Uint53,
    /** Total fee in base units; at least minFeePerByte × encoded size. */
    fee: Uint64,
    /** Last height at which the transaction may be included; 0 = no expiry. */
    expiry: Uint53,
    /** The module call: module name, transaction kind, SSZ-encoded payload. */
    module: Name,
    kind: Name,
    payload: new ByteListType(MAX_PAYLOAD_BYTES),
  },
  { typeName: "TxBody" },
);

export const Tx = new ContainerType({ body: TxBody, signature: Bytes64 }, { typeName: "Tx" });

export const Header = new ContainerType(
  {
    version: Uint32,
    parent: Bytes32,
    height: Uint53,
    /** Seconds since the Unix epoch. */
    timestamp: Uint53,
    txRoot: Bytes32,
    stateRoot: Bytes32,
    /** Difficulty target in Bitcoin's compact form. */
    bits: Uint32,
    /** Address that receives the block reward and fees. */
    miner: Bytes32,
    /** Proof-of-work nonce; the last field, so a miner rewrites only the last 8 bytes. */
    nonce: Uint64,
  },
  { typeName: "Header" },
);

export const HEADER_BYTES = Header.fixedSize as number;
export const HEADER_NONCE_OFFSET = HEADER_BYTES - 8;

export const Block = new ContainerType(
  { header: Header, txs: new ListCompositeType(Tx, MAX_BLOCK_TXS) },
  { typeName: "Block" },
);

export type TxBody = ValueOf<typeof TxBody>;
export type Tx = ValueOf<typeof Tx>;
export type Header = ValueOf<typeof Header>;
export type Block = ValueOf<typeof Block>;
