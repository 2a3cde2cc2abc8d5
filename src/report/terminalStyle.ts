/** How the terminal summary marks text: ANSI colours on a TTY, nothing otherwise (`PLAIN_STYLE`). */
export interface TerminalStyle {
  bold(text: string): string;
  good(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** Bold headers; green for advance and completed, red for rollback, yellow for halts and approvals. */
export const COLOR_STYLE: TerminalStyle = {
  bold: ansi(1, 22),
  good: ansi(32, 39),
  bad: ansi(31, 39),
  warn: ansi(33, 39),
};

/** No escape codes: for pipes, files and NO_COLOR. */
export const PLAIN_STYLE: TerminalStyle = { bold: (t) => t, good: (t) => t, bad: (t) => t, warn: (t) => t };
