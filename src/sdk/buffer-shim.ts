/**
 * @chainsafe/ssz (the codecs the light client bundles) calls Node's `Buffer` in a browser too:
 * `Buffer.from(arrayBuffer, offset, length)` when its list types are built, `Buffer.alloc`
 * when they are hashed, and `writeUIntLE` on what those return. Where there is no Buffer this
 * gives exactly those, over Uint8Array; the SDK entry (src/sdk/index.ts) imports it before any codec, so any browser app that uses
 * the SDK gets it; the explorer imports it first too (its own pages decode with the codecs).
 * (src/bytes.ts uses a Buffer only on Node, so it never takes this one for Node's.)
 */
export class ByteBuffer extends Uint8Array {
  /** Node's writeUIntLE: `byteLength` (≤ 6) little-endian bytes of `value` at `offset`. */
  writeUIntLE(value: number, offset: number, byteLength: number): number {
    let v = value;
    for (let i = 0; i < byteLength; i++) {
      this[offset + i] = v % 256;
      v = Math.floor(v / 256);
    }
    return offset + byteLength;
  }
}

export const bufferShim = {
  from(source: ArrayBuffer | ArrayLike<number>, offset?: number, length?: number): ByteBuffer {
    if (source instanceof ArrayBuffer) return new ByteBuffer(source, offset, length);
    const copy = new ByteBuffer(source.length);
    copy.set(source);
    return copy;
  },
  alloc: (size: number) => new ByteBuffer(size),
  allocUnsafe: (size: number) => new ByteBuffer(size),
};

const g = globalThis as { Buffer?: unknown };
if (g.Buffer === undefined) g.Buffer = bufferShim;
