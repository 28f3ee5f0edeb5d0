// Loading undici 7 makes its own Agent the global dispatcher of Node's fetch when none is set
// yet (undici's lib/global.js), so every fetch in the process would move to undici 7. Imported
// before undici: a fetch of a `data:` URL makes Node's fetch install its own dispatcher first,
// and importing @modelmux/transport leaves the rest of the process's fetches as they were.
const globalDispatcher = Symbol.for('undici.globalDispatcher.1');
if ((globalThis as Record<symbol, unknown>)[globalDispatcher] === undefined)
  void globalThis
    .fetch('data:,')
    .then((response) => response.arrayBuffer())
    .catch(() => undefined);
