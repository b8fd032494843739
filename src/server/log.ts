import { AsyncLocalStorage } from 'node:async_hooks';
import { isatty } from 'node:tty';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

// One logger for every command: JSON lines (pino) for files and collectors, readable lines with
// colour when writing to a terminal, at LOG_LEVEL. Each HTTP request runs in a context that
// counts the SQL statements it causes, so its log line can say how many ran.

/** The logger, to a file descriptor: JSON lines, or readable lines (coloured) when it is a terminal. */
export function createLogger(level = 'info', fd = 1): Logger {
  const options = { level, base: { service: 'claimline' } };
  if (!isatty(fd)) return pino(options, pino.destination({ fd, sync: true }));
  return pino(options, pretty({ destination: fd, colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }));
}

/** What a request has done so far, for its log line. */
export interface RequestContext {
  statements: number;
}

const requests = new AsyncLocalStorage<RequestContext>();

/** Runs `body` as one request: statements it runs are counted in the context returned by `currentRequest`. */
export const inRequest = <T>(context: RequestContext, body: () => T): T => requests.run(context, body);
export const currentRequest = (): RequestContext | undefined => requests.getStore();

let statements = 0;
/** SQL statements this process has run since it started (for /metrics). */
export const statementsTotal = () => statements;

/** Counts a statement, and against the request running it (the database's statement hook). */
export function countStatement(): void {
  statements += 1;
  const context = requests.getStore();
  if (context) context.statements += 1;
}
