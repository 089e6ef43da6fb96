/**
 * DNS over TCP framing (RFC 1035 4.2.2, RFC 7766): every message is preceded by its length
 * as 2 bytes, big-endian. Collects stream chunks and hands out whole messages.
 */

export class TcpFrameReader {
  private pending: Buffer = Buffer.alloc(0);

  /** @param maxMessageBytes a length prefix above this (or zero) is a protocol violation. */
  constructor(private readonly maxMessageBytes: number) {}

  /**
   * Adds a chunk and returns the complete messages it finishes, in order, or "invalid" when
   * a length prefix is out of bounds (the stream cannot be resynchronized: close it).
   */
  push(chunk: Buffer): Buffer[] | "invalid" {
    let data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: Buffer[] = [];
    while (data.length >= 2) {
      const length = data.readUInt16BE(0);
      if (length === 0 || length > this.maxMessageBytes) return "invalid";
      if (data.length < 2 + length) break;
      messages.push(data.subarray(2, 2 + length));
      data = data.subarray(2 + length);
    }
    // Copy the remainder so a large chunk is not kept alive by a few trailing bytes.
    this.pending = data.length === 0 ? Buffer.alloc(0) : Buffer.from(data);
    return messages;
  }

  /** Bytes received but not yet part of a whole message. */
  get bufferedBytes(): number {
    return this.pending.length;
  }
}

/** Prefixes a message with its 2-byte length. */
export function frame(message: Buffer): Buffer {
  const framed = Buffer.allocUnsafe(2 + message.length);
  framed.writeUInt16BE(message.length, 0);
  message.copy(framed, 2);
  return framed;
}
