/**
 * Java programs provisioned from Maven Central, one code path for every local server the project runs
 * (Neo4j, CoreNLP): the artifacts are resolved with Maven (`--strict-checksums`: each artifact's SHA-1 is
 * checked against the repository's), copied into a cache folder outside the work tree, and recorded in a
 * manifest of SHA-256 sums that is verified again before every start.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type DistErrorCode = 'MAVEN_MISSING' | 'RESOLVE_FAILED' | 'CHECKSUM_MISMATCH';

export interface MavenDist {
  /** What it is, for messages: "Neo4j 5.26.30". */
  what: string;
  /** The cache folder (lib/ and manifest.json inside). */
  dir: string;
  /** A POM whose runtime dependencies are the distribution. */
  pom: string;
  /** A jar name prefix that must be among the resolved jars (proof the main artifact came). */
  mainJar: string;
  /** Appended to every failure message: where else the user can get the server. */
  alternatives: string;
  log?: (line: string) => void;
  /** Throws the caller's own error type. */
  fail: (code: DistErrorCode, message: string) => never;
}

interface Manifest {
  version: string;
  jars: Record<string, string>;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Makes sure the distribution is in the cache and intact (every jar's SHA-256 as recorded); returns its lib folder. */
export function ensureMavenDist(d: MavenDist): string {
  const lib = join(d.dir, 'lib');
  const manifestPath = join(d.dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    verifyManifest(d, lib, JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest);
    return lib;
  }
  const log = d.log ?? (() => {});
  const mvn = spawnSync('mvn', ['--version'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0) {
    d.fail(
      'MAVEN_MISSING',
      `Maven (mvn) is needed once, to fetch ${d.what} from Maven Central, and it did not run. Install it (apt-get install maven). ${d.alternatives}`,
    );
  }
  log(`Fetching ${d.what} from Maven Central (once; cached in ${d.dir}) …`);
  const staging = `${d.dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'pom.xml'), d.pom);
  const args = [
    '-B',
    '-q',
    '--strict-checksums',
    '-f',
    join(staging, 'pom.xml'),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${join(staging, 'lib')}`,
    '-DincludeScope=runtime',
  ];
  if (process.env.DIPLOGRAPH_MAVEN_REPO) args.push(`-Dmaven.repo.local=${process.env.DIPLOGRAPH_MAVEN_REPO}`);
  const res = spawnSync('mvn', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    const tail = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    d.fail('RESOLVE_FAILED', `Maven could not resolve ${d.what}:\n${tail}\n${d.alternatives}`);
  }
  const jars = readdirSync(join(staging, 'lib'))
    .filter((f) => f.endsWith('.jar'))
    .sort();
  if (!jars.some((j) => j.startsWith(d.mainJar))) {
    rmSync(staging, { recursive: true, force: true });
    d.fail('RESOLVE_FAILED', `Maven finished but ${d.mainJar}….jar is not among the ${jars.length} jars`);
  }
  const manifest: Manifest = {
    version: d.what,
    jars: Object.fromEntries(jars.map((j) => [j, sha256File(join(staging, 'lib', j))])),
  };
  writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  rmSync(d.dir, { recursive: true, force: true });
  renameSync(staging, d.dir);
  log(`${d.what}: ${jars.length} jars, checksums verified.`);
  return lib;
}

function verifyManifest(d: MavenDist, lib: string, manifest: Manifest): void {
  const present = new Set(existsSync(lib) ? readdirSync(lib).filter((f) => f.endsWith('.jar')) : []);
  const again = `delete ${resolve(lib, '..')} to fetch it again`;
  for (const [jar, sum] of Object.entries(manifest.jars)) {
    if (!present.has(jar))
      d.fail('CHECKSUM_MISMATCH', `cached ${d.what} is incomplete: ${jar} is missing from ${lib}; ${again}`);
    if (sha256File(join(lib, jar)) !== sum)
      d.fail('CHECKSUM_MISMATCH', `cached ${d.what} jar ${jar} does not match its recorded SHA-256; ${again}`);
    present.delete(jar);
  }
  if (present.size > 0) d.fail('CHECKSUM_MISMATCH', `unexpected jars in ${lib}: ${[...present].join(', ')}`);
}
