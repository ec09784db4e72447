/** Query.ontology: straight from the ontology data file. */
import { RELATIONS } from '../../ontology.ts';

export const ontologyResolvers = {
  Query: {
    ontology: () => [...RELATIONS.values()],
  },
};
