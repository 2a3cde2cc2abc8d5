import {
  addEngineWindow,
  type EngineWindow,
  emptyEngineWindow,
  resetEngineWindow,
  subtractEngineWindow,
} from './engineWindow.js';

/**
 * The trailing window guards look at: the last `length` monitoring intervals, kept as a ring of interval
 * windows plus running sums (add the newest, subtract the one that falls out), so each interval costs
 * a few passes over the window whatever its length. An interval drawn into {@link fresh}'s window joins
 * the ring as it is, with no copy: the window that fell out becomes the next one drawn into. A
 * one-interval window (the default) is the interval itself. It starts empty at each phase: a guard looks
 * only at the current phase's traffic.
 */
export class TrailingWindow {
  private readonly sums: EngineWindow;
  /** The last `length` intervals' windows once full, the oldest at `next` (none for a one-interval window). */
  private readonly ring: EngineWindow[];
  /** The window {@link fresh} hands out; {@link pushFresh} swaps it with the ring's oldest. */
  private spare: EngineWindow;
  private latest: EngineWindow | null = null;
  private next = 0;
  private filled = 0;

  constructor(length: number, boundsMs: readonly number[], segmentCount: number) {
    const slots = length > 1 ? length : 0;
    this.sums = emptyEngineWindow(boundsMs, segmentCount);
    this.ring = Array.from({ length: slots }, () => emptyEngineWindow(boundsMs, segmentCount));
    this.spare = emptyEngineWindow(boundsMs, segmentCount);
  }

  /** The sums over the last `length` intervals (fewer at the start of a phase). */
  get window(): EngineWindow {
    return this.ring.length === 0 ? this.latest! : this.sums;
  }

  /**
   * Empties the window (a new phase). The ring's windows keep their old sums: each is subtracted only once
   * a push after this has replaced it, and handed out again only through {@link fresh}, which empties it.
   */
  clear(): void {
    this.latest = null;
    resetEngineWindow(this.sums);
    this.next = 0;
    this.filled = 0;
  }

  /**
   * An empty window to draw the next interval into, the same one until {@link pushFresh} pushes it. A draw
   * into it that is not pushed (an unjudged piece) leaves a longer window's sums as they were; a
   * one-interval window is that window itself, so it reads as the draw until the next push.
   */
  fresh(): EngineWindow {
    resetEngineWindow(this.spare);
    return this.spare;
  }

  /** Pushes the interval drawn into {@link fresh}'s window, without copying it; the oldest falls out once full. */
  pushFresh(): void {
    const interval = this.spare;
    this.latest = interval;
    const ring = this.ring;
    if (ring.length === 0) return;
    const oldest = ring[this.next]!;
    if (this.filled === ring.length) subtractEngineWindow(this.sums, oldest);
    else this.filled++;
    addEngineWindow(this.sums, interval);
    ring[this.next] = interval;
    this.spare = oldest;
    this.next = (this.next + 1) % ring.length;
  }

  /** Pushes a copy of `interval` (read, not kept, for a one-interval window); the oldest falls out once full. */
  push(interval: EngineWindow): void {
    if (this.ring.length === 0) {
      this.latest = interval;
      return;
    }
    addEngineWindow(this.fresh(), interval);
    this.pushFresh();
  }
}
