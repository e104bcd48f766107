// Writes a .gz and a .br next to each compressible file of the built UI, so the server sends
// them as they are (Content-Encoding) instead of compressing on every request. Node's zlib has
// both codecs: no extra build dependency. A variant that does not save bytes is not written,
// and the server then sends the plain file.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|json|svg|html|txt|webmanifest)$/;
// Below this, the headers cost more than compression saves.
const MIN_BYTES = 512;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function variantsOf(body) {
  return {
    gz: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  };
}

export function precompress(dir) {
  let written = 0;
  for (const path of files(dir)) {
    if (!COMPRESSIBLE.test(path)) continue;
    const body = readFileSync(path);
    if (body.length < MIN_BYTES) continue;
    for (const [ext, packed] of Object.entries(variantsOf(body))) {
      if (packed.length >= body.length) continue;
      writeFileSync(`${path}.${ext}`, packed);
      written++;
    }
  }
  return written;
}

/** Vite plugin: precompress the output once the bundle is written. */
export function precompressPlugin() {
  let outDir = 'dist';
  return {
    name: 'kenes-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      precompress(outDir);
    },
  };
}
