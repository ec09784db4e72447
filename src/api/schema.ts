/**
 * The executable schema: SDL from schema/*.graphql (one file per feature) and the resolvers of
 * ./resolvers, built so that a resolver for a field the SDL lacks is an error at start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { isEnumType, type GraphQLSchema } from './graphql.ts';
import { ACTOR_KINDS, RELATION_NAMES } from '../ontology.ts';
import { actorResolvers } from './resolvers/actors.ts';
import { analysisResolvers } from './resolvers/analysis.ts';
import { articleResolvers } from './resolvers/articles.ts';
import { correctionResolvers } from './resolvers/corrections.ts';
import { eventResolvers } from './resolvers/events.ts';
import { incidentResolvers } from './resolvers/incidents.ts';
import { ingestResolvers } from './resolvers/ingest.ts';
import { ontologyResolvers } from './resolvers/ontology.ts';
import { DateScalar, DateTimeScalar } from './scalars.ts';

const schemaDir = fileURLToPath(new URL('../../schema/', import.meta.url));

export function loadTypeDefs(dir = schemaDir): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** The SDL's Relation and ActorKind enums must list exactly the ontology's names. */
function checkEnums(schema: GraphQLSchema): void {
  for (const [name, expected] of [
    ['Relation', RELATION_NAMES],
    ['ActorKind', ACTOR_KINDS],
  ] as const) {
    const type = schema.getType(name);
    const values = isEnumType(type)
      ? type
          .getValues()
          .map((v) => v.name)
          .sort()
      : [];
    if (values.join() !== [...expected].sort().join())
      throw new Error(`schema: enum ${name} does not match the ontology (${values.join(', ')})`);
  }
}

export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: [
      { Date: DateScalar, DateTime: DateTimeScalar },
      ontologyResolvers,
      actorResolvers,
      eventResolvers,
      incidentResolvers,
      articleResolvers,
      analysisResolvers,
      ingestResolvers,
      correctionResolvers,
    ],
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
  checkEnums(schema);
  return schema;
}
