/**
 * Cross-origin access to /graphql: none unless DIPLOGRAPH_CORS_ORIGINS names the origin. Reads are open
 * by default, so echoing any Origin (yoga's default) would let every web page an analyst visits read the
 * graph from localhost; a page of a named origin gets the CORS headers, any other gets none.
 */
import type { CORSOptions } from 'graphql-yoga';

/** The per-request CORS answer for yoga's `cors` option. */
export function corsPolicy(allowed: readonly string[]): (request: Request) => CORSOptions {
  const origins = new Set(allowed);
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !origins.has(origin)) return false;
    return {
      origin: [origin],
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization'],
      // The API key travels in Authorization, never in a cookie: no credentials.
      credentials: false,
      maxAge: 600,
    };
  };
}
