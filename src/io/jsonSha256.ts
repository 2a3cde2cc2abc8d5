import { createHash } from 'node:crypto';

/**
 * sha256 (hex) of `value` as JSON: a key for what a cache or a precompiled file was built from.
 *
 * @example jsonSha256(['0.1.0', plan]) // '3f2a…' (64 hex digits)
 */
export function jsonSha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
