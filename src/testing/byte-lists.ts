/**
 * Byte-list twins of text schemas (test-only). A text field (src/codec/text.ts) encodes and
 * hashes like a ByteList of its maxBytes, so a container that switched its byte-list fields
 * to text keeps the encoding of its twin: the same fields, each text one a ByteList[maxBytes].
 *
 *   assert.equal(byteListTwin(NumberRecord).typeName, "Container({holder: ByteVector[32], …})");
 *   assertEncodesLikeTwin(NumberRecord, record);
 */
import assert from "node:assert/strict";
import { ByteListType, ContainerType, type Type } from "@chainsafe/ssz";
import { equalBytes } from "../bytes.js";
import { TextType } from "../codec/text.js";
import { utf8 } from "../crypto/hash.js";

/** The fields of an SSZ container (as ContainerType has them). */
interface Fields {
  fieldsEntries: readonly { fieldName: string; fieldType: Type<unknown> }[];
}

/** An SSZ container of values T. */
interface Container<T> extends Fields {
  serialize(value: T): Uint8Array;
  hashTreeRoot(value: T): Uint8Array;
}

/** The container with each text field a ByteList of its limit; its typeName spells the layout. */
export function byteListTwin(schema: Fields): ContainerType<Record<string, Type<unknown>>> {
  const twin = (t: Type<unknown>) => (t instanceof TextType ? new ByteListType(t.rules.maxBytes) : t);
  return new ContainerType(
    Object.fromEntries(schema.fieldsEntries.map((f) => [f.fieldName, twin(f.fieldType)])),
  );
}

/** Asserts that `schema` serializes and hashes `value` exactly as its twin does with each text as UTF-8 bytes. */
export function assertEncodesLikeTwin<T extends object>(schema: Container<T>, value: T): void {
  const twin = byteListTwin(schema);
  const bytes = Object.fromEntries(
    Object.entries(value).map(([k, x]) => [k, typeof x === "string" ? utf8(x) : x]),
  );
  assert.ok(equalBytes(schema.serialize(value), twin.serialize(bytes)), "serialized");
  assert.ok(equalBytes(schema.hashTreeRoot(value), twin.hashTreeRoot(bytes)), "hash tree root");
}
