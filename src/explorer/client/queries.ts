/** The GraphQL documents the page sends. */

export const SEARCH_ACTORS = /* GraphQL */ `
  query SearchActors($search: String!, $first: Int) {
    actors(search: $search, first: $first) {
      totalCount
      edges {
        node {
          id
          name
          kind
          country
          aliases
        }
      }
    }
  }
`;

export const NETWORK = /* GraphQL */ `
  query Network(
    $actorIds: [ID!]!
    $depth: Int
    $relations: [Relation!]
    $from: Date
    $to: Date
    $minCount: Int
    $limit: Int
  ) {
    network(
      actorIds: $actorIds
      depth: $depth
      relations: $relations
      from: $from
      to: $to
      minCount: $minCount
      limit: $limit
    ) {
      nodes {
        id
        name
        kind
        country
        degree
      }
      edges {
        id
        source
        target
        relation
        count
        firstDate
        lastDate
        meanScore
      }
      truncated
    }
  }
`;

export const ACTOR_DETAILS = /* GraphQL */ `
  query ActorDetails($id: ID!) {
    actor(id: $id) {
      id
      name
      kind
      country
      title
      aliases
      represents {
        id
        name
        kind
      }
      partOf {
        id
        name
        kind
      }
      memberOf {
        id
        name
        kind
      }
      members {
        id
        name
        kind
      }
      relations(direction: BOTH, first: 10) {
        totalCount
        nodes {
          relation
          direction
          count
          meanScore
          firstDate
          lastDate
          counterpart {
            id
            name
            kind
          }
        }
      }
    }
  }
`;

const THREAD_EVENT = /* GraphQL */ `
  fragment ThreadEvent on Event {
    id
    date
    relation
    source {
      id
      name
    }
    target {
      id
      name
    }
    evidence {
      sentence
      article {
        outlet
        publishedAt
      }
    }
  }
`;

export const EDGE_EVENTS = /* GraphQL */ `
  ${THREAD_EVENT}
  query EdgeEvents($filter: EventFilter, $first: Int) {
    events(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          date
          relation
          score
          source {
            id
            name
          }
          target {
            id
            name
          }
          evidence {
            sentence
            start
            end
            sourceMention {
              text
              start
              end
            }
            targetMention {
              text
              start
              end
            }
            article {
              id
              title
              outlet
              url
              publishedAt
            }
          }
          incident {
            id
            reportCount
          }
          respondsTo {
            kind
            answers {
              ...ThreadEvent
            }
          }
          responses {
            kind
            response {
              ...ThreadEvent
            }
          }
        }
      }
    }
  }
`;

export const TIMELINE = /* GraphQL */ `
  query Timeline($actor: ID, $relations: [Relation!]) {
    timeline(actor: $actor, relations: $relations, granularity: MONTH) {
      start
      count
    }
  }
`;
