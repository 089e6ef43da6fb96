/**
 * A binary heap of values indexed by key: each key appears at most once, and its value can be
 * replaced or deleted in O(log n). The mempool keys it by sender (one head or tail entry each).
 */
export class KeyedHeap<K, V> {
  private readonly keys: K[] = [];
  private readonly values: V[] = [];
  private readonly positions = new Map<K, number>();

  /** `before(a, b)` is true when `a` must come out of the heap before `b`. */
  constructor(private readonly before: (a: V, b: V) => boolean) {}

  get size(): number {
    return this.keys.length;
  }

  has(key: K): boolean {
    return this.positions.has(key);
  }

  get(key: K): V | undefined {
    const i = this.positions.get(key);
    return i === undefined ? undefined : this.values[i];
  }

  /** Inserts the key, or replaces its value and restores the heap order. */
  set(key: K, value: V): void {
    const i = this.positions.get(key);
    if (i === undefined) {
      this.keys.push(key);
      this.values.push(value);
      this.positions.set(key, this.keys.length - 1);
      this.siftUp(this.keys.length - 1);
      return;
    }
    this.values[i] = value;
    this.siftUp(i);
    this.siftDown(this.positions.get(key) as number);
  }

  delete(key: K): V | undefined {
    const i = this.positions.get(key);
    if (i === undefined) return undefined;
    const value = this.values[i];
    const last = this.keys.length - 1;
    if (i !== last) this.swap(i, last);
    this.keys.pop();
    this.values.pop();
    this.positions.delete(key);
    if (i !== last) {
      this.siftUp(i);
      this.siftDown(i);
    }
    return value;
  }

  peek(): [K, V] | undefined {
    return this.keys.length === 0 ? undefined : [this.keys[0], this.values[0]];
  }

  pop(): [K, V] | undefined {
    const top = this.peek();
    if (top) this.delete(top[0]);
    return top;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.values[i], this.values[parent])) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.keys.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < n && this.before(this.values[left], this.values[best])) best = left;
      if (right < n && this.before(this.values[right], this.values[best])) best = right;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.values[a], this.values[b]] = [this.values[b], this.values[a]];
    this.positions.set(this.keys[a], a);
    this.positions.set(this.keys[b], b);
  }
}
