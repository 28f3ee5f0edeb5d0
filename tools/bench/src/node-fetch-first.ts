// Imported first by main.ts: Node's fetch installs its own global dispatcher before any library
// loads a newer undici (which would install its own Agent as the global dispatcher when none is
// set yet), so "the SDK with its default fetch" is Node's fetch exactly as users get it.
void globalThis
  .fetch('data:,')
  .then((response) => response.arrayBuffer())
  .catch(() => undefined);
