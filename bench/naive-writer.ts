/**
 * The baseline for `npm run bench:ingest`: one auto-commit statement per node and relationship, the
 * network incremented in place. No batching, no transactions spanning an article: what the store's
 * writer is measured against. Not idempotent; not for use outside the benchmark.
 */
import type { Driver } from 'neo4j-driver';
import type { ExtractionResult } from '../src/ingest/types.ts';
import { kindLabel, relationInfo } from '../src/ontology.ts';

export async function writeNaive(driver: Driver, r: ExtractionResult): Promise<void> {
  const session = driver.session();
  const q = (cypher: string, params: Record<string, unknown>) => session.run(cypher, params);
  try {
    const a = r.article;
    await q(
      'MERGE (a:Article {id: $id}) SET a.url = $url, a.title = $title, a.outlet = $outlet, a.publishedAt = CASE WHEN $publishedAt IS NULL THEN null ELSE date($publishedAt) END, a.dateline = $dateline, a.contentHash = $contentHash, a.text = $text',
      {
        id: r.id,
        url: a.url,
        title: a.title,
        outlet: a.outlet,
        publishedAt: a.publishedAt,
        dateline: a.dateline,
        contentHash: a.contentHash ?? null,
        text: a.text,
      },
    );
    for (const x of r.actors) {
      await q(
        `MERGE (a:Actor {id: $id}) SET a:${kindLabel(x.kind)}, a.name = $name, a.kind = $kind, a.aliases = $aliases, a.country = $country, a.title = $title`,
        {
          id: x.id,
          name: x.name,
          kind: x.kind,
          aliases: x.aliases,
          country: x.country,
          title: x.title,
        },
      );
      await q('MATCH (art:Article {id: $article}), (a:Actor {id: $id}) MERGE (art)-[:MENTIONS]->(a)', {
        article: r.id,
        id: x.id,
      });
      if (x.affiliation)
        await q('MATCH (a:Actor {id: $id}), (b:Actor {id: $to}) MERGE (a)-[:REPRESENTS]->(b)', {
          id: x.id,
          to: x.affiliation,
        });
    }
    for (const e of r.events) {
      await q(
        'CREATE (e:Event {id: $id}) SET e.relation = $relation, e.score = $score, e.date = CASE WHEN $date IS NULL THEN null ELSE date($date) END, e.negated = $negated, e.sentence = $sentence, e.articleId = $article',
        {
          id: e.id,
          relation: e.relation,
          score: e.score,
          date: e.date,
          negated: e.negated,
          sentence: e.evidence.sentence,
          article: r.id,
        },
      );
      await q('MATCH (e:Event {id: $id}), (a:Actor {id: $source}) CREATE (e)-[:SOURCE]->(a)', {
        id: e.id,
        source: e.source,
      });
      await q('MATCH (e:Event {id: $id}), (a:Actor {id: $target}) CREATE (e)-[:TARGET]->(a)', {
        id: e.id,
        target: e.target,
      });
      await q('MATCH (e:Event {id: $id}), (a:Article {id: $article}) CREATE (e)-[:REPORTED_IN]->(a)', {
        id: e.id,
        article: r.id,
      });
      if (!e.negated && !e.hypothetical) {
        await q(
          `MATCH (s:Actor {id: $source}), (t:Actor {id: $target}) MERGE (s)-[r:${relationInfo(e.relation).name}]->(t) ON CREATE SET r.count = 1, r.articleIds = [$article] ON MATCH SET r.count = r.count + 1, r.articleIds = r.articleIds + $article`,
          { source: e.source, target: e.target, article: r.id },
        );
      }
    }
  } finally {
    await session.close();
  }
}
