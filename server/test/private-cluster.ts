/**
 * A throwaway PostgreSQL cluster for tests that stop, restart or replicate the database (never a
 * shared server): initdb + pg_ctl in a temp directory, on a free port on loopback, owned by the
 * postgres OS user when the tests run as root (initdb refuses root). Needs the PostgreSQL server
 * binaries and fails, not skips, without them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** initdb and pg_ctl: PG_BINDIR, else pg_config --bindir, else the newest Debian install. */
export function findBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // No pg_config on PATH; try the Debian layout.
  }
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    for (const v of fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(path.join(debian, v, 'bin'));
    }
  }
  const found = candidates.find(
    (dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')),
  );
  if (!found) {
    throw new Error(
      'PostgreSQL-serverens programmer (initdb, pg_ctl) mangler: installer postgresql eller sæt PG_BINDIR ' +
        `(PostgreSQL server binaries missing; looked in ${candidates.join(', ') || 'nothing'})`,
    );
  }
  return found;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root: then the cluster belongs to the postgres OS user. */
const asRoot = process.getuid?.() === 0;

export class PrivateCluster {
  readonly dir: string;
  readonly data: string;
  constructor(
    readonly bin: string,
    readonly port: number,
    /** Extra server settings (-c name=value), e.g. for a primary that streams to a replica. */
    readonly settings: string[] = [],
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-pg-'));
    this.data = path.join(this.dir, 'data');
    if (asRoot) execFileSync('chown', ['postgres:', this.dir]);
  }

  run(tool: string, args: string[]) {
    const exe = path.join(this.bin, tool);
    const [cmd, all] = asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    execFileSync(cmd, all, { stdio: 'pipe', cwd: this.dir });
  }

  init() {
    this.run('initdb', ['-A', 'trust', '-U', 'postgres', '-N', '-D', this.data]);
  }

  /**
   * This cluster as a streaming hot-standby replica of `primary`, made with PostgreSQL's own
   * pg_basebackup -R (it writes primary_conninfo and standby.signal).
   */
  basebackupFrom(primary: PrivateCluster) {
    this.run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      this.data,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
  }

  ctl(action: 'start' | 'stop' | 'restart') {
    const options = [
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off`,
      ...this.settings.map((s) => `-c ${s}`),
    ].join(' ');
    this.run('pg_ctl', [
      action,
      '-D',
      this.data,
      '-w',
      '-l',
      path.join(this.dir, 'server.log'),
      ...(action === 'stop' || action === 'restart' ? ['-m', 'fast'] : []),
      ...(action === 'stop' ? [] : ['-o', options]),
    ]);
  }

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  destroy() {
    try {
      this.ctl('stop');
    } catch {
      // Already stopped.
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
