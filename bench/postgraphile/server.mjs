// PostGraphile 5 over the benchmark's database, for bench/peers.py (which copies this file next
// to the node_modules it installs). Usage: node -r ./polyfill.cjs server.mjs <port> <database-url>
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const [port, connectionString] = process.argv.slice(2);
const preset = {
  extends: [PostGraphileAmberPreset],
  // Every column may filter and order (the hub reads materials by removed_at and superseded_by_id).
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ connectionString, schemas: ["public"], poolConfig: { max: 5 } })],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};
const serv = postgraphile(preset).createServ(grafserv);
const server = createServer();
server.once("listening", () => console.log(`postgraphile listening on ${port}`));
await serv.addTo(server);
server.listen(Number(port), "127.0.0.1");
