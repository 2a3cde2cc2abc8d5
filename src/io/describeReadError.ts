/**
 * Why a file could not be read, as a problem's `found` says it: missing (`missing`, by default
 * `no such file`), a directory, not readable by this user, or the error code for anything else.
 *
 * @example describeReadError(Object.assign(new Error(), { code: 'EISDIR' })) // 'a directory'
 * @example describeReadError(enoent, `no file at ${path}`) // 'no file at plans/x.yaml'
 */
export function describeReadError(error: unknown, missing = 'no such file'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return missing;
  if (code === 'EISDIR') return 'a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'a file this user may not read';
  return `a file that cannot be read (${code ?? String(error)})`;
}
