/**
 * GraphiQL served from the installed @graphql-yoga/render-graphiql package (yoga's default page loads it
 * from a public CDN, which leaves an offline or locked-down machine with a blank page). The page is small
 * HTML; its script, style sheet and Monaco's workers are files under /graphql/graphiql/, so the
 * Content-Security-Policy can allow scripts from this server only (no inline script, no other host).
 */
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

export const GRAPHIQL_ASSETS = '/graphql/graphiql/';

/** Styles stay 'unsafe-inline': Monaco and React set style attributes and add <style> elements at run time. */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

type Bundle = typeof import('@graphql-yoga/render-graphiql/graphiql');

// The bundle is ~9 MB of strings: loaded on the first request for the page, not at start.
let bundle: Promise<Bundle> | null = null;
function loadBundle(): Promise<Bundle> {
  bundle ??= import('@graphql-yoga/render-graphiql/graphiql');
  return bundle;
}

/** Starts GraphiQL: Monaco's workers from this server, options from the page's JSON block. */
const BOOT = `'use strict';
(function () {
  var base = ${JSON.stringify(GRAPHIQL_ASSETS)};
  var workers = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) { return base + (workers[label] || workers.editorWorkerService); },
  };
  var options = JSON.parse(document.getElementById('graphiql-options').textContent || '{}');
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
})();
`;

const ASSETS: Record<string, { type: string; body: (b: Bundle) => string }> = {
  'graphiql.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.js },
  'graphiql.css': { type: 'text/css; charset=utf-8', body: (b) => b.css },
  'boot.js': { type: 'text/javascript; charset=utf-8', body: () => BOOT },
  'editor.worker.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.editorWorkerService },
  'json.worker.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.jsonWorker },
  'graphql.worker.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.graphqlWorker },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** yoga's `renderGraphiQL`: the page, referring to this server's files only. */
export function renderGraphiQL(options: GraphiQLOptions): string {
  // In a <script type="application/json"> block "<" is escaped so no value can close the element.
  const json = JSON.stringify(options ?? {}).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options?.title ?? 'GraphiQL')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${GRAPHIQL_ASSETS}graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript.</noscript>
<div id="root"></div>
<script type="application/json" id="graphiql-options">${json}</script>
<script src="${GRAPHIQL_ASSETS}graphiql.js"></script>
<script src="${GRAPHIQL_ASSETS}boot.js"></script>
</body>
</html>
`;
}

/** Serves the files under /graphql/graphiql/ and puts the policy on the GraphiQL page. */
export function useLocalGraphiQL(): Plugin {
  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS)) return;
      const asset = ASSETS[url.pathname.slice(GRAPHIQL_ASSETS.length)];
      if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) {
        endResponse(
          new fetchAPI.Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
        );
        return;
      }
      const body = asset.body(await loadBundle());
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
          status: 200,
          headers: {
            'content-type': asset.type,
            'cache-control': 'public, max-age=3600',
            'x-content-type-options': 'nosniff',
          },
        }),
      );
    },
    onResponse({ response }) {
      if (response.headers.get('content-type')?.startsWith('text/html')) {
        response.headers.set('content-security-policy', GRAPHIQL_CSP);
        response.headers.set('x-content-type-options', 'nosniff');
      }
    },
  };
}
