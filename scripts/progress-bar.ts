/**
 * A one-line progress bar for the scripts: `label [#####-----] 50% 5,000/10,000`.
 * Redrawn in place only on a terminal (at most every 100 ms, and at 100%); in
 * logs and CI it prints nothing, so only the scripts' summary lines remain.
 */
export interface ProgressBar {
  update(label: string, done: number, total: number): void;
  /** Clears the bar's line (before a summary line is printed). */
  clear(): void;
}

const WIDTH = 30;

export function progressBar(stream: NodeJS.WriteStream = process.stdout): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, clear: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(label, done, total) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      const ratio = total === 0 ? 1 : Math.min(1, done / total);
      const filled = Math.round(ratio * WIDTH);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
      stream.write(`\r\x1b[2K${label} [${bar}] ${Math.floor(ratio * 100)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
