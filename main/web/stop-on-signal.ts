/**
 * Stops a browser-mode station once, on SIGINT or SIGTERM (or whatever else calls the returned
 * function): the web shell first, so no new call reaches the core, then the core; then exits.
 */
export function stopOnSignals(shell: { close(): Promise<unknown> }, core: { close(): Promise<unknown> }): () => void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void shell
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return stop;
}
