import { describe, expect, it } from 'vitest';
import { createHeartbeat, formatHeartbeat, HEARTBEAT_EVERY_MS } from '../../src/cli/heartbeat.js';
import { createProgress } from '../../src/cli/progressBar.js';

/** A clock the test moves by hand, ms. */
function manualClock(startMs = 0) {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

function lines() {
  const written: string[] = [];
  return { written, stream: { write: (text: string) => written.push(text), isTTY: false } };
}

describe('formatHeartbeat', () => {
  it.each([
    [
      ['risk', 4000, 10_000, 12_000, 18_000, 'runs'],
      'risk: 4,000/10,000 runs (40%), 12s elapsed, about 18s left',
    ],
    [
      ['risk', 10, 10_000, 400, null, 'runs'],
      'risk: 10/10,000 runs (0%), 1s elapsed, estimating the time left',
    ],
    [
      ['traffic', 130, 240, 20_400, 17_300, 'simulated minutes'],
      'traffic: 130/240 simulated minutes (54%), 20s elapsed, about 17s left',
    ],
    [['replay', 12.5, 0, 61_000, null, 'MB read'], 'replay: 12.50 MB read, 1m1s elapsed'],
    [['risk', 4000, 0, 3_600_000, 1000, 'runs'], 'risk: 4,000 runs, 1h elapsed'],
  ] as Array<[Parameters<typeof formatHeartbeat>, string]>)('%j → %s', (args, line) => {
    expect(formatHeartbeat(...args)).toBe(line);
  });
});

describe('createHeartbeat', () => {
  it('prints a line at most every 10 s, the first after 10 s, with the time left from the rate', () => {
    const clock = manualClock(1000);
    const { written, stream } = lines();
    const heartbeat = createHeartbeat(stream, 1000, { label: 'risk', unit: 'runs', now: clock.now });
    clock.advance(2000);
    heartbeat.add(50); // the first report: the rate is measured from here
    for (let second = 0; second < 7; second++) {
      clock.advance(1000);
      heartbeat.add(50);
    }
    expect(written).toEqual([]); // 9 s since the start: nothing yet
    clock.advance(1000);
    heartbeat.add(50); // 10 s: 450 done, 400 in the last 8 s (50 a second), 550 left: 11 s
    expect(written).toEqual(['risk: 450/1,000 runs (45%), 10s elapsed, about 11s left\n']);
    clock.advance(9_999);
    heartbeat.add(10);
    expect(written).toHaveLength(1);
    clock.advance(1);
    heartbeat.add(10);
    expect(written).toHaveLength(2);
    expect(written[1]).toMatch(/^risk: 470\/1,000 runs \(47%\), 20s elapsed, about /);
  });

  it('prints nothing once the work is done (the command prints its summary then)', () => {
    const clock = manualClock();
    const { written, stream } = lines();
    const heartbeat = createHeartbeat(stream, 100, { label: 'whatif', unit: 'runs', now: clock.now });
    clock.advance(HEARTBEAT_EVERY_MS * 3);
    heartbeat.add(100);
    heartbeat.end();
    expect(written).toEqual([]);
  });
});

describe('createProgress', () => {
  const tick = (
    stream: { write: (text: string) => unknown; isTTY?: boolean },
    options: { quiet: boolean; bar: boolean },
  ) => {
    const clock = manualClock();
    const progress = createProgress(stream, 100, { label: 'risk', unit: 'runs', now: clock.now, ...options });
    for (let step = 0; step < 10; step++) {
      clock.advance(HEARTBEAT_EVERY_MS / 2);
      progress.add(5);
    }
    progress.end();
  };
  it.each([
    { tty: false, quiet: false, bar: true, shows: /^risk: \d+\/100 runs/ },
    { tty: false, quiet: true, bar: true, shows: null },
    { tty: true, quiet: false, bar: true, shows: /^\r\[#+\.*\] +\d+% \d+\/100 runs/ },
    { tty: true, quiet: false, bar: false, shows: null },
    { tty: true, quiet: true, bar: true, shows: null },
  ])('a terminal: $tty, --quiet: $quiet, bar allowed: $bar', ({ tty, quiet, bar, shows }) => {
    const written: string[] = [];
    tick({ write: (text: string) => written.push(text), isTTY: tty }, { quiet, bar });
    if (shows === null) expect(written).toEqual([]);
    else expect(written[0]).toMatch(shows);
  });
});
