import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChromiumSources, findChromium, unpackBrotli } from '../support/findChromium.js';

const dir = mkdtempSync(join(tmpdir(), 'rehearse-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let folders = 0;
/** A fresh folder under the test's temporary one. */
function folder(): string {
  const path = join(dir, String(folders++));
  mkdirSync(path);
  return path;
}

function file(path: string, content: string | Buffer, mode: number): string {
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

/** A stand-in for @sparticuz/chromium: its package.json and a brotli-compressed "binary". */
function fakePackage(version: string, binary: Buffer): string {
  const packageDir = folder();
  mkdirSync(join(packageDir, 'bin'));
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ version }));
  writeFileSync(join(packageDir, 'bin', 'chromium.br'), brotliCompressSync(binary));
  return packageDir;
}

function sources(overrides: Partial<ChromiumSources>): ChromiumSources {
  return { chromiumPath: undefined, searchPath: '', packageDir: folder(), cacheDir: folder(), ...overrides };
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, even with a Chromium on PATH', async () => {
    const bin = folder();
    file(join(bin, 'chromium'), '#!/bin/sh\n', 0o755);
    const named = file(join(folder(), 'my-chrome'), '#!/bin/sh\n', 0o755);
    expect(await findChromium(sources({ chromiumPath: named, searchPath: bin }))).toBe(named);
  });

  it('refuses a CHROMIUM_PATH with nothing runnable there instead of looking elsewhere', async () => {
    const missing = join(dir, 'no-such-chrome');
    await expect(findChromium(sources({ chromiumPath: missing }))).rejects.toThrow(
      `CHROMIUM_PATH is ${missing}, which is not an executable file`,
    );
  });

  it("takes the system's Chromium from PATH, skipping files that cannot run", async () => {
    const first = folder();
    const second = folder();
    file(join(first, 'chromium'), 'not a program', 0o644);
    const runnable = file(join(second, 'chromium-browser'), '#!/bin/sh\n', 0o755);
    expect(await findChromium(sources({ searchPath: `${first}:${second}` }))).toBe(runnable);
  });

  it('without either, unpacks the packaged Chromium once per version, whole, for callers racing on it', async () => {
    const binary = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
    const packageDir = fakePackage('143.0.4', binary);
    const cacheDir = folder();
    const found = await Promise.all(
      Array.from({ length: 4 }, () => findChromium(sources({ packageDir, cacheDir }))),
    );
    const target = join(cacheDir, 'chromium-143.0.4', 'chromium');
    expect(found).toEqual([target, target, target, target]);
    expect(readFileSync(target).equals(binary)).toBe(true);
    expect(readdirSync(join(cacheDir, 'chromium-143.0.4'))).toEqual(['chromium']);
    expect(await findChromium(sources({ packageDir, cacheDir }))).toBe(target);
  });

  it('a damaged archive leaves nothing behind', async () => {
    const source = file(join(folder(), 'chromium.br'), 'this is not brotli', 0o644);
    const out = folder();
    await expect(unpackBrotli(source, join(out, 'chromium'))).rejects.toThrow();
    expect(readdirSync(out)).toEqual([]);
  });
});
