import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/store/schema.ts';
import { testTarget, useTestGraph } from '../support/neo4j.ts';

describe('the Neo4j the tests run against', () => {
  const graph = useTestGraph();

  it('is a real Neo4j 5.26 server', async () => {
    const { records } = await graph().executeQuery(
      'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition',
    );
    const row = records[0]!;
    expect(row.get('name')).toBe('Neo4j Kernel');
    expect(String(row.get('version'))).toMatch(/^5\.26\./);
    expect(testTarget().how).toBeTruthy();
  });

  it('has every migration applied, and applying again changes nothing', async () => {
    const again = await migrate(graph(), testTarget().database);
    expect(again).toEqual([]);
    const { records } = await graph().executeQuery(
      'MATCH (m:SchemaMigration) RETURN m.name AS name ORDER BY m.version',
    );
    expect(records.map((r) => r.get('name'))).toEqual(loadMigrations().map((m) => m.name));
  });

  it('enforces unique actor ids', async () => {
    await graph().executeQuery("CREATE (:Actor {id: 'country:TST', name: 'Testland'})");
    await expect(
      graph().executeQuery("CREATE (:Actor {id: 'country:TST', name: 'Testland again'})"),
    ).rejects.toMatchObject({
      code: 'Neo.ClientError.Schema.ConstraintValidationFailed',
    });
  });

  it('finds actors by name and alias through the full-text index', async () => {
    await graph().executeQuery(
      "CREATE (:Actor {id: 'agency:chn:mss', name: 'Ministry of State Security', aliasText: 'MSS'})",
    );
    const { records } = await graph().executeQuery(
      "CALL db.index.fulltext.queryNodes('actor_names', $q) YIELD node RETURN node.id AS id",
      { q: 'MSS' },
    );
    expect(records.map((r) => r.get('id'))).toContain('agency:chn:mss');
  });
});
