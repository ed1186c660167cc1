/**
 * /api/docs: the OpenAPI document rendered as one readable page, server-side, with no scripts and no
 * network (LAN installs have no CDN). Grouped by tag; every schema shown as JSON.
 */
type Doc = Record<string, unknown>;
type OperationDoc = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description?: string; $ref?: string; content?: Record<string, { schema?: unknown }> }>;
};

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function schemaBlock(schema: unknown): string {
  return `<pre class="schema">${escape(JSON.stringify(schema, null, 2))}</pre>`;
}

export function renderDocs(doc: Doc): string {
  const info = doc.info as { title: string; version: string; description: string };
  const paths = doc.paths as Record<string, Record<string, OperationDoc>>;
  const byTag = new Map<string, { method: string; path: string; op: OperationDoc }[]>();
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? 'Other';
      const list = byTag.get(tag) ?? [];
      list.push({ method, path, op });
      byTag.set(tag, list);
    }
  }
  const nav = [...byTag.keys()].map((tag) => `<a href="#${escape(tag)}">${escape(tag)}</a>`).join('');
  const sections = [...byTag.entries()]
    .map(([tag, ops]) => {
      const items = ops
        .map(({ method, path, op }) => {
          const params = (op.parameters ?? [])
            .map(
              (p) =>
                `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${escape(JSON.stringify(p.schema))}</code>${p.description ? `<br>${escape(p.description)}` : ''}</td></tr>`,
            )
            .join('');
          const body = op.requestBody
            ? Object.entries(op.requestBody.content)
                .map(
                  ([type, media]) =>
                    `<h4>Request body <span class="muted">${escape(type)}</span></h4>${media.schema ? schemaBlock(media.schema) : ''}`,
                )
                .join('')
            : '';
          const responses = Object.entries(op.responses)
            .map(([status, response]) => {
              const ref = response.$ref ? ` <span class="muted">(error body, see Errors)</span>` : '';
              const schema = response.content?.['application/json']?.schema;
              return `<details${status.startsWith('2') ? ' open' : ''}><summary><b>${escape(status)}</b> ${escape(response.description ?? '')}${ref}</summary>${schema ? schemaBlock(schema) : ''}</details>`;
            })
            .join('');
          const auth =
            op.security && op.security.length === 0
              ? '<span class="tag open">no token</span>'
              : `<span class="tag">${escape(op.description ?? 'token')}</span>`;
          return `<article id="${escape(op.operationId)}">
  <h3><span class="method ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>
  <p>${escape(op.summary)} ${auth}</p>
  ${params ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th></tr></thead><tbody>${params}</tbody></table>` : ''}
  ${body}
  <h4>Responses</h4>${responses}
</article>`;
        })
        .join('');
      return `<section id="${escape(tag)}"><h2>${escape(tag)}</h2>${items}</section>`;
    })
    .join('');

  const components = doc.components as { schemas: { Error: unknown } };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)} ${escape(info.version)}</title>
<style>
  :root { color-scheme: light; --ink:#15171c; --muted:#5b6270; --line:#e3e5ea; --panel:#f6f7f9; --accent:#b37f00; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; display: grid; grid-template-columns: 220px 1fr; }
  nav { position: sticky; top: 0; height: 100vh; overflow: auto; padding: 24px 16px; border-right: 1px solid var(--line); background: var(--panel); }
  nav a { display: block; padding: 6px 8px; color: var(--ink); text-decoration: none; border-radius: 6px; }
  nav a:hover { background: #fff; }
  nav .brand { font-weight: 700; margin-bottom: 16px; }
  main { padding: 32px 48px; max-width: 1100px; }
  h1 { font-size: 32px; margin: 0 0 8px; } h2 { font-size: 24px; margin: 40px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 8px; }
  h3 { font-size: 16px; margin: 0 0 4px; } h4 { font-size: 14px; margin: 12px 0 4px; }
  article { border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin: 12px 0; }
  .method { display: inline-block; min-width: 64px; text-align: center; font-size: 12px; padding: 2px 8px; border-radius: 4px; color: #fff; background: #3d4452; }
  .method.get { background: #1f6f4a; } .method.post { background: #1d4f91; } .method.patch, .method.put { background: #8a5a00; } .method.delete { background: #9b1c1c; }
  .tag { font-size: 12px; color: var(--muted); border: 1px solid var(--line); padding: 1px 6px; border-radius: 4px; } .tag.open { color: #1f6f4a; }
  .muted { color: var(--muted); font-weight: normal; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 8px; } th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
  pre.schema { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; font-size: 12px; max-height: 320px; overflow: auto; }
  details { margin: 4px 0; } summary { cursor: pointer; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
</style></head>
<body>
<nav><div class="brand">Marquee API</div>${nav}<a href="#errors">Errors</a><a href="/api/v1/openapi.json">openapi.json</a></nav>
<main>
<h1>${escape(info.title)} <span class="muted">${escape(info.version)}</span></h1>
<p>${escape(info.description)}</p>
<p>Authenticate with <code>Authorization: Bearer TOKEN</code>: a session token from <code>POST /api/v1/auth/login</code> or an API key. The machine-readable document is at <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a>.</p>
${sections}
<section id="errors"><h2>Errors</h2><p>Every error answers a 4xx/5xx status with this body. Validation errors are 400 <code>validation_failed</code> with <code>details.fields</code>.</p>${schemaBlock(components.schemas.Error)}</section>
</main></body></html>`;
}
