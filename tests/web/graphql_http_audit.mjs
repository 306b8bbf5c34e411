// graphql-http's GraphQL-over-HTTP server audit against a running hub.
// Usage: node graphql_http_audit.mjs http://127.0.0.1:PORT/graphql
// Prints one JSON object: {"counts": {...}, "failures": [{id, name, status, reason}]}.
// Exit code 0 either way; the pytest test decides (notices are informational, not failures).
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node graphql_http_audit.mjs <graphql url>');
  process.exit(2);
}

const results = await auditServer({ url });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
const failures = [];
for (const result of results) {
  counts[result.status] += 1;
  if (result.status !== 'ok') {
    failures.push({
      id: result.id,
      name: result.name,
      status: result.status,
      reason: result.reason,
    });
  }
}
console.log(JSON.stringify({ counts, failures }));
