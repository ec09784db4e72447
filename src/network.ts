/**
 * The actor network as the API's `network` query, the explorer and the exports see it: one edge per
 * (source, relation, target), dates as YYYY-MM-DD.
 */

export interface NetworkEdge {
  /** source|relation|target */
  id: string;
  source: string;
  target: string;
  relation: string;
  count: number;
  firstDate: string | null;
  lastDate: string | null;
  meanScore: number | null;
}

export interface NetworkActor {
  id: string;
  name: string;
  kind: string;
  country: string | null;
}
