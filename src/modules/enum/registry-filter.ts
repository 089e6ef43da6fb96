/**
 * The prefix filter of every registered number (prefix-filter.ts), built from the state a page
 * at a time, one page per turn of the event loop. Read in one piece, a registry of 10 million
 * numbers would hold the node (DNS, API, peers, block import) for tens of seconds at the DNS
 * server's first query; in pages, each turn holds it for a few milliseconds and queries are
 * answered meanwhile, from the state.
 *
 * Two passes over the numbers: the first counts them (the filter's size), the second adds
 * them. Until the filter is complete `mayHold` answers true, so the caller reads the state:
 * slower, never wrong. Blocks imported during the build may register numbers behind the scan's
 * cursor; the numbers a head change names (`add`) are kept and added when the build completes.
 */
import type { QueryContext } from "../../module/interface.js";
import { PrefixFilter } from "./prefix-filter.js";
import { NUMBER_PREFIX } from "./store.js";

/** Numbers read per turn of the event loop (about 5 ms on a 2-core machine). */
const PAGE = 2_000;

export type Schedule = (step: () => void) => void;

interface Build {
  /** Which build this is: a reset starts another, and the old one's pending step stops. */
  generation: number;
  pass: "count" | "add";
  after: Uint8Array | undefined;
  counted: number;
  filter: PrefixFilter | undefined;
  /** Numbers head changes named during the build. */
  named: string[];
}

export class RegistryFilter {
  private filter: PrefixFilter | undefined;
  private build: Build | undefined;
  private generation = 0;
  private stopped = false;
  private readonly latin1 = new TextDecoder("latin1");

  constructor(
    private readonly q: Pick<QueryContext, "scan">,
    private readonly schedule: Schedule = (step) => setImmediate(step),
    private readonly page = PAGE,
  ) {}

  /** False only when no registered number has `digits` as a prefix; true while the filter is being built. */
  mayHold(digits: string): boolean {
    if (this.filter !== undefined) return this.filter.mayHold(digits);
    if (this.build === undefined && !this.stopped) this.start();
    return true;
  }

  /** A number a block registered (or named): held from now on. */
  add(digits: string): void {
    if (this.filter !== undefined) this.filter.add(digits);
    else this.build?.named.push(digits);
    // Not built and not building: the build, when it starts, reads the number from the state.
  }

  /** The state changed in ways nobody told: forget the filter; the next query starts a new build. */
  reset(): void {
    this.filter = undefined;
    this.build = undefined;
    this.generation++;
  }

  /** Ends a build in progress and starts no other (the DNS server stopping, the store closing). */
  stop(): void {
    this.reset();
    this.stopped = true;
  }

  /** Whether the filter is complete (until then `mayHold` is always true). */
  get ready(): boolean {
    return this.filter !== undefined;
  }

  private start(): void {
    const build: Build = {
      generation: ++this.generation,
      pass: "count",
      after: undefined,
      counted: 0,
      filter: undefined,
      named: [],
    };
    this.build = build;
    this.schedule(() => this.step(build));
  }

  private step(build: Build): void {
    if (build.generation !== this.generation) return; // reset meanwhile
    let page: { key: Uint8Array }[];
    try {
      page = this.q.scan(NUMBER_PREFIX, this.page, build.after);
    } catch {
      // The store failed (or closed) under the build: abandoned, and started again at a later
      // query. Thrown here it would be uncaught (a scheduled turn) and stop the node.
      this.build = undefined;
      return;
    }
    if (build.pass === "count") build.counted += page.length;
    else
      for (const { key } of page) build.filter?.add(this.latin1.decode(key.subarray(NUMBER_PREFIX.length)));
    if (page.length === this.page) build.after = page[page.length - 1].key;
    else if (build.pass === "count") {
      // Numbers share most prefixes: twice the numbers is room for the distinct prefixes, and for growth.
      build.filter = new PrefixFilter(2 * (build.counted + build.named.length) + 1024);
      build.pass = "add";
      build.after = undefined;
    } else {
      const filter = build.filter as PrefixFilter;
      for (const digits of build.named) filter.add(digits);
      this.filter = filter;
      this.build = undefined;
      return;
    }
    this.schedule(() => this.step(build));
  }
}
