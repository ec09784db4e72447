/** Reads the selection set of the current field, so a builder fetches only what was asked for. */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from './graphql.ts';

function collect(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: Map<string, FieldNode[]>): void {
  if (!set) return;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const list = into.get(sel.name.value) ?? [];
      list.push(sel);
      into.set(sel.name.value, list);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      collect(sel.selectionSet, info, into);
    } else {
      collect(info.fragments[sel.name.value]?.selectionSet, info, into);
    }
  }
}

/** The fields selected directly under the current field (fragments flattened). */
export function selectedFields(info: GraphQLResolveInfo): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  for (const node of info.fieldNodes) collect(node.selectionSet, info, out);
  return out;
}

/** True when the current field's selection includes `name` (e.g. totalCount of a connection). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  return selectedFields(info).has(name);
}

/** True when the selection includes the nested field path, e.g. ['hops', 'evidence']. */
export function selectsPath(info: GraphQLResolveInfo, path: string[]): boolean {
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    const next = new Map<string, FieldNode[]>();
    for (const node of level) collect(node.selectionSet, info, next);
    const found = next.get(name);
    if (!found) return false;
    level = found;
  }
  return true;
}
