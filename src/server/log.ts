import { isatty } from 'node:tty';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

// One logger for every command: JSON lines (pino) for files and collectors, readable lines with
// colour when writing to a terminal, at LOG_LEVEL. (A request's log line says how many SQL
// statements it ran: its database handle counts them, src/db/statements.ts: forRequest.)

/** The logger, to a file descriptor: JSON lines, or readable lines (coloured) when it is a terminal. */
export function createLogger(level = 'info', fd = 1): Logger {
  const options = { level, base: { service: 'claimline' } };
  if (!isatty(fd)) return pino(options, pino.destination({ fd, sync: true }));
  return pino(options, pretty({ destination: fd, colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }));
}

let statements = 0;
/** SQL statements this process has run since it started (for /metrics). */
export const statementsTotal = () => statements;

/** Counts a statement (the database's statement hook). */
export function countStatement(): void {
  statements += 1;
}
