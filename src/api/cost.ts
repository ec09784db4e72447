/**
 * What `network` and `paths` cost the database, counted before any Cypher runs. graphql-armor's cost
 * limit weighs the fields an operation selects, not its arguments, so to it `network(depth: 3,
 * limit: 1000)` costs what `network(depth: 1, limit: 10)` does; in Neo4j the first keeps up to 1,000
 * actors, expands each level from up to 1,000 of them and sorts up to 5,000 edges, and fifteen aliases
 * of it run at once, each in its own transaction, against the same memory pool. Each such field is
 * given its work (below) and an operation whose fields add up to more than GRAPH_WORK_LIMIT is refused
 * with QUERY_TOO_COSTLY.
 */
import {
  getArgumentValues,
  getOperationAST,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from './graphql.ts';
import type { Plugin } from 'graphql-yoga';
import { QueryTooCostlyError } from './errors.ts';

/**
 * Most graph work per operation: one network of 1,000 actors, three levels deep, over a date range
 * (3 × 1,000 × 2), or fifteen networks of 200 actors two levels deep.
 */
export const GRAPH_WORK_LIMIT = 6000;

/** Arguments as the resolvers read them, defaults filled in. */
type Args = Record<string, unknown>;

const num = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * A field's work: `network` keeps up to `limit` actors and expands `depth` levels (the two multiply);
 * counting edges from the events of a date range reads every event of every kept actor (twice the work).
 * `paths` enumerates shortest paths whose number grows with each hop allowed (10 paths kept): 2^maxHops × 10.
 * Out-of-range values are the resolvers' to refuse (BAD_USER_INPUT): they are clamped here.
 */
export function fieldWork(field: string, args: Args): number {
  if (field === 'network') {
    const depth = Math.min(Math.max(num(args.depth, 1), 1), 3);
    const limit = Math.min(Math.max(num(args.limit, 100), 1), 1000);
    const dated = (args.from !== null && args.from !== undefined) || (args.to !== null && args.to !== undefined);
    return depth * limit * (dated ? 2 : 1);
  }
  if (field === 'paths') return 2 ** Math.min(Math.max(num(args.maxHops, 4), 1), 6) * 10;
  return 0;
}

/** The root fields of the operation, through fragments (each fragment followed once per spread). */
function rootFields(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  out: FieldNode[],
  seen: Set<string>,
): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) rootFields(sel.selectionSet, fragments, out, seen);
    else {
      const fragment = fragments.get(sel.name.value);
      if (!fragment || seen.has(sel.name.value)) continue;
      seen.add(sel.name.value);
      rootFields(fragment.selectionSet, fragments, out, seen);
      seen.delete(sel.name.value);
    }
  }
}

/** The graph work of a query operation (0 for mutations and subscriptions: they run no network or paths). */
export function operationWork(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const operation = getOperationAST(document, operationName);
  const query = schema.getQueryType();
  if (!operation || operation.operation !== 'query' || !query) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fields: FieldNode[] = [];
  rootFields(operation.selectionSet, fragments, fields, new Set());
  let work = 0;
  for (const node of fields) {
    const def = query.getFields()[node.name.value];
    if (!def || (node.name.value !== 'network' && node.name.value !== 'paths')) continue;
    let args: Args;
    try {
      args = getArgumentValues(def, node, variables ?? {});
    } catch {
      continue; // a bad argument fails in execution with its own message
    }
    work += fieldWork(node.name.value, args);
  }
  return work;
}

/** Refuses an operation whose graph work exceeds `limit`, before it executes. */
export function useGraphWorkLimit(limit = GRAPH_WORK_LIMIT): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const work = operationWork(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | undefined,
      );
      if (work > limit) {
        setResultAndStopExecution({
          errors: [
            new QueryTooCostlyError(
              `graph work limit of ${limit} exceeded: this operation asks for ${work} (network: depth × limit, twice with from/to; paths: 10 × 2^maxHops); ask for less or split it`,
            ),
          ],
        });
      }
    },
  };
}
