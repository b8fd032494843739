import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A real PostgreSQL for the tests: a primary and a streaming hot standby of it (pg_basebackup -R),
// on loopback ports, in a temporary folder, from Debian's postgresql package. PostgreSQL refuses
// to run as root, so as root every command runs as the `postgres` user the package creates.

export interface Cluster {
  primary: string;
  standby: string;
  /** The standby's data folder and port, for a test that stops or starts it. */
  standbyDir: string;
  stop: () => void;
}

/** The newest installed PostgreSQL's binaries (PG_BINDIR overrides), or null. */
export function postgresBinaries(): string | null {
  if (process.env.PG_BINDIR) return existsSync(join(process.env.PG_BINDIR, 'initdb')) ? process.env.PG_BINDIR : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program (as the postgres user when we are root). */
function run(bin: string, program: string, args: string[]): void {
  const command = join(bin, program);
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
  else execFileSync(command, args, { stdio: 'pipe' });
}

/** A free loopback port. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Starts a primary and a hot standby; `stop` stops both and removes their folders. */
export async function startCluster(bin: string): Promise<Cluster> {
  const root = mkdtempSync(join(tmpdir(), 'claimline-pg-'));
  chmodSync(root, 0o777);
  const primaryDir = join(root, 'primary');
  const standbyDir = join(root, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const options = (port: number) => `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories='${root}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400`;
  const started: string[] = [];
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stop);
    for (const dir of [...started].reverse()) {
      try {
        run(bin, 'pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped (a test stopped the standby)
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    run(bin, 'initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    run(bin, 'pg_ctl', ['-D', primaryDir, '-l', join(root, 'primary.log'), '-o', options(primaryPort), '-w', 'start']);
    started.push(primaryDir);
    run(bin, 'pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyDir, '-R', '-X', 'stream']);
    run(bin, 'pg_ctl', ['-D', standbyDir, '-l', join(root, 'standby.log'), '-o', options(standbyPort), '-w', 'start']);
    started.push(standbyDir);
  } catch (error) {
    stop();
    throw error;
  }
  // Stopped when this process ends, whatever else ends it first (a test runner that gives up on its teardown).
  process.once('exit', stop);
  const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
  return { primary: url(primaryPort), standby: url(standbyPort), standbyDir, stop };
}
