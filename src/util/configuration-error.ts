/** A setting the server cannot work with: it refuses to start, printing this message (no stack trace). */
export class ConfigurationError extends Error {
  override readonly name: string = 'ConfigurationError';
}
