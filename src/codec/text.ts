/**
 * Text in SSZ: a UTF-8 string encoded exactly like a `ByteList[maxBytes]` (so a schema
 * that switches a byte-list field to TextType keeps its encoding and hashes), whose value
 * is a JS string. Decoding refuses invalid UTF-8, and the text's own rules (length in
 * bytes, a pattern of allowed characters) with the type's error code, so a payload's text
 * fields are checked once, where they are decoded, and every module says the same thing.
 */
import type { Node } from "@chainsafe/persistent-merkle-tree";
import { ByteListType, Type } from "@chainsafe/ssz";
import { utf8Length } from "../bytes.js";
import { TelchainError } from "../errors.js";

type ByteViews = Parameters<ByteListType["value_serializeToBytes"]>[0];

export interface TextRules {
  /** Limit in bytes of the UTF-8 encoding (the ByteList limit). */
  maxBytes: number;
  /** Fewest bytes (default 0). */
  minBytes?: number;
  /** The whole text must match (anchor it: ^...$). */
  pattern?: RegExp;
  /** Human description of the rule, used in error messages ("a carrier id, ^[A-Z0-9]{3,8}$"). */
  describe: string;
  /** What the text is, starting its error messages ("routing prefix"); default "text". */
  name?: string;
  /** The code a violation is refused with (e.g. NUMBERS_BAD_NUMBER); default CODEC_BAD_TEXT. */
  code?: string;
  typeName?: string;
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

export class TextType extends Type<string> {
  readonly isBasic = false;
  readonly depth: number;
  readonly maxChunkCount: number;
  readonly fixedSize = null;
  readonly minSize: number;
  readonly maxSize: number;
  readonly typeName: string;
  readonly isList = true;
  readonly rules: TextRules;
  private readonly bytes: ByteListType;

  constructor(rules: TextRules) {
    super();
    this.rules = rules;
    this.bytes = new ByteListType(rules.maxBytes);
    this.depth = this.bytes.depth;
    this.maxChunkCount = this.bytes.maxChunkCount;
    this.minSize = this.bytes.minSize;
    this.maxSize = this.bytes.maxSize;
    this.typeName = rules.typeName ?? `Text[${rules.maxBytes}]`;
  }

  /** Checks `text` against the rules; throws the type's code with a message naming the rule. */
  check(text: string, what = this.rules.name ?? "text"): string {
    const n = utf8Length(text);
    const fail = (why: string): never => {
      throw new TelchainError(
        this.rules.code ?? "CODEC_BAD_TEXT",
        `${what} ${JSON.stringify(text.slice(0, 64))} ${why}: expected ${this.rules.describe}`,
      );
    };
    if (n > this.rules.maxBytes) fail(`is ${n} bytes, more than ${this.rules.maxBytes}`);
    if (n < (this.rules.minBytes ?? 0)) fail(`is ${n} bytes, fewer than ${this.rules.minBytes}`);
    if (this.rules.pattern && !this.rules.pattern.test(text)) fail("is not allowed");
    return text;
  }

  /** Decodes and checks UTF-8 bytes (e.g. a field of an older byte-list schema). */
  fromBytes(b: Uint8Array, what?: string): string {
    let text: string;
    try {
      text = decoder.decode(b);
    } catch {
      throw new TelchainError(
        this.rules.code ?? "CODEC_BAD_TEXT",
        `${what ?? this.rules.name ?? "text"} is not valid UTF-8: expected ${this.rules.describe}`,
      );
    }
    return this.check(text, what);
  }

  value_serializedSize(value: string): number {
    return utf8Length(value);
  }

  value_serializeToBytes(output: ByteViews, offset: number, value: string): number {
    this.check(value); // what cannot be decoded is never encoded, in a payload or in state
    // Straight into the output (its size came from value_serializedSize): no intermediate copy.
    return offset + encoder.encodeInto(value, output.uint8Array.subarray(offset)).written;
  }

  value_deserializeFromBytes(data: ByteViews, start: number, end: number): string {
    return this.fromBytes(data.uint8Array.subarray(start, end));
  }

  tree_serializedSize(node: Node): number {
    return this.bytes.tree_serializedSize(node);
  }

  tree_serializeToBytes(output: ByteViews, offset: number, node: Node): number {
    return this.bytes.tree_serializeToBytes(output, offset, node);
  }

  tree_deserializeFromBytes(data: ByteViews, start: number, end: number): Node {
    this.value_deserializeFromBytes(data, start, end);
    return this.bytes.tree_deserializeFromBytes(data, start, end);
  }

  override value_toTree(value: string): Node {
    return this.bytes.value_toTree(encoder.encode(value));
  }

  override tree_toValue(node: Node): string {
    return this.fromBytes(this.bytes.tree_toValue(node));
  }

  defaultValue(): string {
    return "";
  }

  hashTreeRoot(value: string): Uint8Array {
    return this.bytes.hashTreeRoot(encoder.encode(value));
  }

  hashTreeRootInto(value: string, output: Uint8Array, offset: number): void {
    this.bytes.hashTreeRootInto(encoder.encode(value), output, offset);
  }

  fromJson(json: unknown): string {
    if (typeof json !== "string")
      throw new TelchainError(this.rules.code ?? "CODEC_BAD_TEXT", `expected ${this.rules.describe}`);
    return this.check(json);
  }

  toJson(value: string): unknown {
    return value;
  }

  clone(value: string): string {
    return value;
  }

  equals(a: string, b: string): boolean {
    return a === b;
  }
}

/** A text type: UTF-8, at most `maxBytes`, optionally matching `pattern`. */
export function text(rules: TextRules): TextType {
  return new TextType(rules);
}
