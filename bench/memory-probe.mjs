// Loaded into a benchmarked server with NODE_OPTIONS=--import: on SIGUSR2 it writes the
// process's memory (bytes) as one JSON line on stderr, so a benchmark can tell live heap from
// resident memory.
process.on('SIGUSR2', () => {
  process.stderr.write(`${JSON.stringify({ memoryProbe: process.memoryUsage() })}\n`);
});
