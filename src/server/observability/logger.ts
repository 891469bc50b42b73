import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { ConfigurationError } from '../../util/configuration-error';

/** pino's levels, and `silent`, which turns logging off. */
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LEVELS)[number];

export type AppLogger = PinoLogger;

/** LOG_LEVEL (default `info`); anything but a pino level or `silent` refuses start-up. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const value = env.LOG_LEVEL?.trim().toLowerCase();
  if (!value) return 'info';
  if (!(LEVELS as readonly string[]).includes(value)) {
    throw new ConfigurationError(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, not ${JSON.stringify(env.LOG_LEVEL)}.`);
  }
  return value as LogLevel;
}

/**
 * The server's logger: one JSON object per line (pino) on `destination`
 * (default stdout), at `level` (default LOG_LEVEL). `err` fields are
 * serialized with their stack; the Authorization header is never given to it.
 */
export function createLogger(options: { readonly level?: LogLevel; readonly destination?: DestinationStream } = {}): AppLogger {
  const settings = { level: options.level ?? logLevelFromEnv(), base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
