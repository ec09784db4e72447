/**
 * Versioned schema migrations: schema/migrations/NNN-name.cypher, applied in order, each once.
 * Applied versions are recorded as (:SchemaMigration {version, name, checksum, appliedAt}); a changed
 * file under an applied version is refused (add a new migration instead).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { backfillDerived } from './backfill.ts';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
  checksum: string;
}

export class SchemaError extends Error {
  readonly code = 'SCHEMA_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

const migrationsDir = fileURLToPath(new URL('../../schema/migrations/', import.meta.url));

/** Splits a .cypher file into statements (`;` at line end), dropping `//` comment lines. */
export function parseStatements(text: string): string[] {
  const body = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return body
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function loadMigrations(dir = migrationsDir): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.cypher$/.test(f))
    .sort();
  return files.map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    return {
      version: Number(file.slice(0, 3)),
      name: file.replace(/\.cypher$/, ''),
      statements: parseStatements(text),
      checksum: createHash('sha256').update(text).digest('hex'),
    };
  });
}

/** Applies the migrations not yet applied; returns the names applied now. Safe to run at every start. */
export async function migrate(driver: Driver, database?: string, migrations = loadMigrations()): Promise<string[]> {
  await driver.executeQuery(
    'CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE',
    {},
    { database },
  );
  const { records } = await driver.executeQuery(
    'MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum',
    {},
    { database, routing: 'READ' },
  );
  const applied = new Map(records.map((r) => [Number(r.get('version')), String(r.get('checksum'))]));
  const done: string[] = [];
  for (const m of migrations) {
    const known = applied.get(m.version);
    if (known !== undefined) {
      if (known !== m.checksum)
        throw new SchemaError(`migration ${m.name} was changed after it was applied; add a new migration instead`);
      continue;
    }
    // Schema statements cannot share a transaction with data writes: run each on its own.
    for (const statement of m.statements) await driver.executeQuery(statement, {}, { database });
    await driver.executeQuery(
      'MERGE (m:SchemaMigration {version: $version}) ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()',
      { version: m.version, name: m.name, checksum: m.checksum },
      { database },
    );
    done.push(m.name);
  }
  await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
  // 004 brought incidents and response links: a graph written before gets them once, from its events.
  if (migrations.some((m) => m.version === 4 && done.includes(m.name))) await backfillDerived(driver, database);
  return done;
}
