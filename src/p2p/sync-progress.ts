/**
 * Progress of a sync: its phase (pending while a peer's headers are checked, importing once
 * they proved a heavier branch), the height we are heading for, the import rate, and a log
 * line every PROGRESS_LOG_INTERVAL_MS while blocks are imported.
 */
import type { NetworkLog, SyncPhase, SyncState } from "./types.js";

export const PROGRESS_LOG_INTERVAL_MS = 2_000;

export class SyncProgress {
  private phase: SyncPhase = "idle";
  /** The sync reached the import phase (the rate and the closing log line are about it). */
  private active = false;
  private target = 0;
  private startedAt = 0;
  private imported = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: NetworkLog,
    private readonly height: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Syncing from a peer starts: fork point and headers, nothing trusted yet (the miner keeps mining). */
  seek(): void {
    this.phase = "pending";
  }

  /** Headers proved a branch heavier than ours: its blocks are fetched and imported (up to `target`). */
  begin(target: number): void {
    this.target = Math.max(this.target, target);
    this.phase = "importing";
    if (this.active) return;
    this.active = true;
    this.startedAt = this.now();
    this.imported = 0;
    this.timer = setInterval(() => {
      if (this.phase === "importing") this.logProgress();
    }, PROGRESS_LOG_INTERVAL_MS);
    this.timer.unref();
  }

  blockImported(): void {
    this.imported++;
  }

  end(): void {
    this.phase = "idle";
    if (!this.active) return;
    clearInterval(this.timer);
    this.timer = undefined;
    const seconds = (this.now() - this.startedAt) / 1000;
    this.log.info(
      { height: this.height(), imported: this.imported, seconds: Math.round(seconds * 10) / 10 },
      `sync done at height ${this.height()}: ${this.imported} blocks in ${seconds.toFixed(1)}s`,
    );
    this.active = false;
    this.target = 0;
  }

  /** Blocks per second since the sync began (0 when idle). */
  rate(): number {
    if (!this.active) return 0;
    const seconds = (this.now() - this.startedAt) / 1000;
    return seconds > 0 ? this.imported / seconds : 0;
  }

  state(): SyncState {
    const height = this.height();
    const importing = this.phase === "importing";
    return {
      syncing: importing,
      phase: this.phase,
      height,
      targetHeight: importing ? Math.max(this.target, height) : height,
      rate: Math.round(this.rate() * 10) / 10,
    };
  }

  /** Logs `syncing height/target, N blocks/s, ETA Ts` (on a timer while syncing). */
  logProgress(): void {
    const s = this.state();
    const left = s.targetHeight - s.height;
    const eta = s.rate > 0 ? Math.ceil(left / s.rate) : undefined;
    this.log.info(
      { height: s.height, target: s.targetHeight, rate: s.rate, eta: eta ?? null },
      `syncing ${s.height}/${s.targetHeight}, ${s.rate} blocks/s, ETA ${eta === undefined ? "?" : `${eta}s`}`,
    );
  }
}
