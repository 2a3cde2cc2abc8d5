import { formatDate } from './format.js';
import type { ResultsFaultEpisode } from './results.js';

const ON = { candidate: 'on the candidate', baseline: 'on the baseline', both: 'on both versions' } as const;

/**
 * A reason followed by the fault episodes that were active in what it judged, so that a trip or a
 * decision a fault caused says so; the reason alone when none was.
 *
 * @example withActiveFaults('guard tripped: p99LatencyMs 1.2 s > 250 ms limit (canary, 10m30s, 190 requests)', [episode])
 * // '… ; while the latency-spike fault (faults[0]) was active on the candidate, Oct 31 2025 12:10 UTC to Oct 31 2025 12:30 UTC'
 */
export function withActiveFaults(reason: string, episodes: readonly ResultsFaultEpisode[]): string {
  if (episodes.length === 0) return reason;
  const active = episodes.map(
    (episode) =>
      `the ${episode.kind} fault (faults[${episode.fault}]) was active ${ON[episode.cohort]}, ${formatDate(episode.startedAt)} to ${formatDate(episode.endedAt)}`,
  );
  return `${reason}; while ${active.join(', and ')}`;
}
