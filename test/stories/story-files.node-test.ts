/**
 * Node side of test/stories/all-stories.test.ts: its explicit list of stories modules must be
 * exactly the `stories/*.stories.ts` files on disk, so a new stories file cannot be left out of the
 * browser test. Run: node --import tsx --test test/stories/story-files.node-test.ts
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);

test('all-stories.test.ts imports and lists every stories/*.stories.ts file', async () => {
  const onDisk = (await readdir(new URL('stories/', root))).filter((f) => f.endsWith('.stories.ts')).sort();
  const source = await readFile(new URL('test/stories/all-stories.test.ts', root), 'utf8');
  const imported = [...source.matchAll(/from '\.\.\/\.\.\/stories\/([\w-]+\.stories)\.js'/g)].map((m) => `${m[1]}.ts`).sort();
  const listed = [...source.matchAll(/^\s*'([\w-]+\.stories\.ts)': \w+,$/gm)].map((m) => m[1]).sort();
  assert.ok(onDisk.length > 0, 'no stories found');
  assert.deepEqual(imported, onDisk, 'imports of all-stories.test.ts vs stories/ on disk');
  assert.deepEqual(listed, onDisk, 'the `files` table of all-stories.test.ts vs stories/ on disk');
});
