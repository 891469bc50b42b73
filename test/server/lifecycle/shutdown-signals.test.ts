import { EventEmitter } from 'node:events';
import { onShutdownSignals } from '../../../src/server/lifecycle/shutdown-signals';

/** The first SIGTERM / SIGINT drains and exits 0 (1 when the drain fails); a second exits 1 at once. */

function harness(drain: () => Promise<void>) {
  const process = new EventEmitter();
  const exits: number[] = [];
  const lines: string[] = [];
  const drains: string[] = [];
  onShutdownSignals({ drain: (signal) => (drains.push(signal), drain()), exit: (code) => void exits.push(code), log: (line) => void lines.push(line) }, process);
  return { process, exits, lines, drains };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('onShutdownSignals', () => {
  it.each(['SIGTERM', 'SIGINT'])('drains once on %s, then exits 0', async (signal) => {
    let finish!: () => void;
    const { process, exits, drains } = harness(() => new Promise((resolve) => (finish = resolve)));
    process.emit(signal, signal);
    await tick();
    expect(drains).toEqual([signal]);
    expect(exits).toEqual([]);
    finish();
    await tick();
    expect(exits).toEqual([0]);
  });

  it('exits 1 at once on a second signal while draining', async () => {
    const { process, exits, lines, drains } = harness(() => new Promise(() => {}));
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGINT', 'SIGINT');
    expect(drains).toEqual(['SIGTERM']);
    expect(exits).toEqual([1]);
    expect(lines).toEqual(['SIGINT again: exiting at once.']);
  });

  it('exits 1 when the drain fails, saying why', async () => {
    const { process, exits, lines } = harness(() => Promise.reject(new Error('pool end failed')));
    process.emit('SIGTERM', 'SIGTERM');
    await tick();
    expect(exits).toEqual([1]);
    expect(lines).toEqual(['Shutdown failed: pool end failed']);
  });
});
