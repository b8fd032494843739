import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const running: ChildProcess[] = [];

export interface Started {
  child: ChildProcess;
  /** The first match of `ready` in the output. */
  url: string;
  output: () => string;
}

/**
 * Runs an npm script as `npm run` does (in a shell, node_modules/.bin on the PATH) with extra
 * arguments, and resolves once its output matches `ready` (whose first group is the URL).
 */
export async function runScript(script: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Started> {
  // `exec`: the script's command replaces the shell, so its exit status and signals are its own.
  const command = ['exec', SCRIPTS[script], ...args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`)].join(' ');
  const child = spawn('sh', ['-c', command], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, ...env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within 30 s:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

/** Stops a started script with SIGTERM, as Ctrl-C would, and waits for it to exit; resolves with how it exited. */
export async function stop(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  process.kill(-child.pid!, 'SIGTERM');
  return exited;
}

/** Whether any process of a started script's group (its children included) is still running. */
export function groupAlive(child: ChildProcess): boolean {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends every script still running (after a failed test): its whole process group. */
export function stopAll(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
}

/** Runs the claimline command as a user would (bin/claimline.js), over the database file in `env`. */
export function claimline(args: string[], env: Record<string, string>, options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/claimline.js'), ...args], { ...options, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
