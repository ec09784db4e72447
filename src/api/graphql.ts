/**
 * The one `graphql` the API uses. graphql 16 ships both index.js (CommonJS, what Node and therefore
 * graphql-yoga and @graphql-tools load) and index.mjs (what Vite's resolver picks under vitest); two
 * copies break every `instanceof GraphQLError` (errors would be masked) and schema checks. Importing
 * the .js entry by path gives every environment the copy Node loads.
 */
export * from 'graphql/index.js';
