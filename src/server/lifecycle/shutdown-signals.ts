/** The signals that ask the server to stop: SIGTERM (orchestrators, `kill`) and SIGINT (Ctrl-C). */
export const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

export interface ShutdownHandlers {
  /** Drains and closes everything (see `drainAndClose`); the process exits 0 when it resolves, 1 when it rejects. */
  readonly drain: (signal: NodeJS.Signals) => Promise<void>;
  readonly exit: (code: number) => void;
  readonly log: (line: string) => void;
}

/**
 * On the first SIGTERM or SIGINT, drains and exits; a second one (the
 * operator pressing Ctrl-C again, an orchestrator out of patience) exits at
 * once with code 1, cutting whatever is still running.
 */
export function onShutdownSignals({ drain, exit, log }: ShutdownHandlers, target: NodeJS.EventEmitter = process): void {
  let draining = false;
  const handle = (signal: NodeJS.Signals) => {
    if (draining) {
      log(`${signal} again: exiting at once.`);
      exit(1);
      return;
    }
    draining = true;
    drain(signal).then(
      () => exit(0),
      (error: unknown) => {
        log(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) target.on(signal, handle);
}
