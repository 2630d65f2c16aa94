import { type Io, run } from '../../src/index.js';

/** Run the CLI in-process, collecting what it writes. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  };
  const code = await run(argv, io);
  return { code, out, err };
}
