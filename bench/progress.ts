/**
 * Progress on stderr. On a terminal one line is redrawn in place; elsewhere (logs, CI)
 * only the final line of each step is printed, so logs stay readable.
 */
export interface Progress {
  /** Shows `label` with `done` of `total` as a percentage. */
  update(label: string, done: number, total: number): void;
  /** Ends the current line with `message`. */
  done(message: string): void;
}

export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const redraw = stream.isTTY === true;
  return {
    update(label, done, total) {
      if (!redraw) return;
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      stream.write(`\r\x1b[2K${label} ${percent}%`);
    },
    done(message) {
      stream.write(`${redraw ? '\r\x1b[2K' : ''}${message}\n`);
    },
  };
}

/** A one-off status line on stderr (stdout is kept for the results table). */
export const note = (message: string): void => void process.stderr.write(`${message}\n`);
