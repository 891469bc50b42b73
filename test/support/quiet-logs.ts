// Servers a test builds without a logger of its own log at LOG_LEVEL: warnings and errors only, unless the run sets another.
process.env.LOG_LEVEL ??= 'warn';
