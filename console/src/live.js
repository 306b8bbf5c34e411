// caseEvents over the hub's WebSocket (graphql-transport-ws), shared by every page: a page
// subscribes with a filter and a callback and gets each event as it arrives. The socket
// carries the session cookie; the hub checks its Origin.
import { createClient } from "graphql-ws";
import caseEventsDocument from "./operations/CaseEvents.graphql?raw";

let client = null;

function socketUrl() {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/graphql`;
}

function liveClient() {
  client ??= createClient({
    url: socketUrl(),
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
  });
  return client;
}

// Calls onEvent(event) for each caseEvents event matching variables ({utility, caseId});
// returns the function that unsubscribes.
export function subscribeCaseEvents(variables, onEvent) {
  return liveClient().subscribe(
    { query: caseEventsDocument, variables },
    {
      next: (result) => result.data && onEvent(result.data.caseEvents),
      error: () => {},
      complete: () => {},
    },
  );
}

export function closeLive() {
  client?.dispose();
  client = null;
}
