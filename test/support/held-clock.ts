// The system clock, except while a test holds it still: a test that counts calls
// inside one rate window holds the clock so that the window cannot roll over
// between its calls, however slow the machine is.
import type { Clock } from '../../src/util/clock.ts';

export class HeldClock implements Clock {
  private held: number | undefined;
  now(): number {
    return this.held ?? Date.now();
  }
  /** Stops time at the current instant until release(). */
  hold(): void {
    this.held = Date.now();
  }
  release(): void {
    this.held = undefined;
  }
}
