/**
 * Everything this process writes to stdout and stderr while capturing (wrangler prints
 * the Worker's console output there), still passed through to the terminal.
 */
export interface OutputCapture {
  text(): string;
  stop(): void;
}

/** Starts capturing process.stdout and process.stderr. */
export function captureOutput(): OutputCapture {
  let text = '';
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write.bind(stream));
  streams.forEach((stream, i) => {
    const original = originals[i] as typeof stream.write;
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return original(chunk, ...rest);
    }) as typeof stream.write;
  });
  return {
    text: () => text,
    stop: () =>
      streams.forEach((stream, i) => {
        stream.write = originals[i] as typeof stream.write;
      }),
  };
}
