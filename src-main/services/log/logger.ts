export interface Logger {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void
  error(message: string, fields?: Readonly<Record<string, unknown>>): void
}

/** One JSON object per line on stderr: greppable, and never mixed with a command's output. */
export function createConsoleLogger(scope: string): Logger {
  const write = (level: string, message: string, fields?: Readonly<Record<string, unknown>>) => {
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, scope, message, ...fields })}\n`,
    )
  }
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  }
}
