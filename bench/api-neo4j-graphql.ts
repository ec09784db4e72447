/**
 * The comparison server for `npm run bench:api`: the same graph served by @neo4j/graphql (7.x, the
 * major that runs on Node 20), with the closest equivalent of each analyst query that library offers:
 * generated filters and sorting where it has them, @cypher fields where it has none (network
 * neighbours, shortest path, monthly buckets).
 */
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { RELATION_NAMES } from '../src/ontology.ts';

const NETWORK = RELATION_NAMES.join('|');

export const neo4jGraphqlTypeDefs = /* GraphQL */ `
  type Actor @node @fulltext(indexes: [{ indexName: "actor_names", queryName: "actorSearch", fields: ["name", "aliasText"] }]) {
    id: ID!
    name: String!
    kind: String!
    country: String
    aliasText: String
    "Network neighbours (any relation, either direction)."
    neighbours: [Actor!]! @cypher(statement: "MATCH (this)-[:${NETWORK}]-(n:Actor) RETURN DISTINCT n", columnName: "n")
  }

  type Article @node {
    id: ID!
    title: String
    outlet: String
    url: String
    publishedAt: Date
  }

  type Event @node {
    id: ID!
    relation: String!
    date: Date
    score: Float
    sentence: String
    source: [Actor!]! @relationship(type: "SOURCE", direction: OUT)
    target: [Actor!]! @relationship(type: "TARGET", direction: OUT)
    article: [Article!]! @relationship(type: "REPORTED_IN", direction: OUT)
  }

  type MonthBucket {
    start: Date!
    count: Int!
    meanScore: Float
  }

  type Query {
    shortestPath(from: ID!, to: ID!): [Actor!]!
      @cypher(
        statement: "MATCH (a:Actor {id: $from}), (b:Actor {id: $to}) MATCH p = shortestPath((a)-[:${NETWORK}*..4]-(b)) UNWIND nodes(p) AS n RETURN n"
        columnName: "n"
      )
    monthly(actor: ID!): [MonthBucket!]!
      @cypher(
        statement: "MATCH (:Actor {id: $actor})<-[:SOURCE|TARGET]-(e:Event) WHERE e.date IS NOT NULL AND e.negated = false AND e.hypothetical = false WITH date.truncate('month', e.date) AS start, e RETURN { start: start, count: count(e), meanScore: avg(e.score) } AS b ORDER BY start"
        columnName: "b"
      )
  }
`;

export async function buildNeo4jGraphqlSchema(driver: Driver): Promise<GraphQLSchema> {
  return new Neo4jGraphQL({ typeDefs: neo4jGraphqlTypeDefs, driver }).getSchema();
}
