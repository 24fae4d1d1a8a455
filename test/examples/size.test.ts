/**
 * The size script (`npm run size`, scripts/size.mjs) bundles from the built package: its checks
 * must see what they are for, and the entries must load what docs/integrator-guide.md says.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { assertPackageBuilt, repo } from './helpers.js';

interface Output { file: string; kind: string; inputs: string[]; text: string; gzip: number }
interface Size {
  bundle(specifier: string): Promise<{ outputs: Output[] }>;
  measure(): Promise<{ problems: string[]; signInTotal: { gzip: number }; wholeCounted: { gzip: number } }>;
  BUDGETS: { signIn: number; whole: number };
}

let size: Size;
before(async () => {
  assertPackageBuilt();
  size = (await import(pathToFileURL(join(repo, 'scripts/size.mjs')).href)) as Size;
});

const kinds = (outputs: Output[]) => outputs.map((o) => o.kind).sort();

describe('size script', () => {
  it('finds no problem in the package as built, and the totals are the sums it checks', async () => {
    const r = await size.measure();
    assert.deepEqual(r.problems, []);
    assert.ok(r.signInTotal.gzip > 10_000 && r.signInTotal.gzip <= size.BUDGETS.signIn, String(r.signInTotal.gzip));
    assert.ok(r.wholeCounted.gzip > r.signInTotal.gzip && r.wholeCounted.gzip <= size.BUDGETS.whole, String(r.wholeCounted.gzip));
  });

  it('sees qrcode and the wizards where they are (so its "none in the sign-in" check can fail)', async () => {
    const wizard = await size.bundle('tfa-login-widget/totp-wizard');
    assert.ok(wizard.outputs.some((o) => o.kind === 'qrcode'), kinds(wizard.outputs).join());
    assert.ok(wizard.outputs.some((o) => /tfa-totp-wizard/.test(o.text)));
  });

  it('the whole widget is one chunk besides qrcode and the two Danish parts', async () => {
    const whole = await size.bundle('tfa-login-widget');
    const code = whole.outputs.filter((o) => !['qrcode', 'danish'].includes(o.kind) && o.gzip > 200);
    assert.deepEqual(code.map((o) => o.kind), ['entry'], whole.outputs.map((o) => `${o.kind} ${o.file} ${o.gzip}`).join('\n'));
  });

  it('the settings entry fetches the wizards and <tfa-login> on first use', async () => {
    const settings = await size.bundle('tfa-login-widget/settings');
    const entry = settings.outputs.find((o) => o.kind === 'entry')!;
    assert.ok(!entry.inputs.some((i) => /totp-wizard|app-enroll|components\/login\//.test(i)), entry.inputs.join('\n'));
    const lazy = settings.outputs.filter((o) => o.kind !== 'entry').flatMap((o) => o.inputs);
    for (const part of ['totp-wizard/totp-wizard.js', 'app-enroll/app-enroll.js', 'components/login/login.js']) {
      assert.ok(lazy.some((i) => i.endsWith(part)), `${part} is not in a lazy chunk`);
    }
  });
});
