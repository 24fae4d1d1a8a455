/**
 * How the settings get `<tfa-login>` and the enrollment wizards (src/components/settings/parts.ts):
 * loaded on first use when a loader is registered, a clear failure when nothing can provide them.
 * (The whole-widget entry, which defines them up front, is covered in whole-entry.test.ts.)
 */
import { expect } from '@open-wc/testing';
import { loadPart, registerPartLoader } from '../../src/components/settings/parts.js';

describe('settings parts', () => {
  it('rejects, naming the element and the entry to import, when nothing can load it', async () => {
    expect(customElements.get('tfa-app-enroll')).to.equal(undefined);
    let error: unknown;
    await loadPart('tfa-app-enroll').catch((err: unknown) => (error = err));
    expect(String(error)).to.contain('<tfa-app-enroll> is not loaded').and.to.contain('tfa-login-widget/settings entry');
  });

  it('loads a part once through its registered loader, and not again once it is defined', async () => {
    let calls = 0;
    registerPartLoader('tfa-app-enroll', () => {
      calls += 1;
      return import('../../src/components/app-enroll/define.js');
    });
    // the first loader wins: a second registration does not replace it
    registerPartLoader('tfa-app-enroll', () => Promise.reject(new Error('second loader used')));
    await loadPart('tfa-app-enroll');
    expect(customElements.get('tfa-app-enroll')).to.be.a('function');
    await loadPart('tfa-app-enroll');
    expect(calls).to.equal(1);
  });
});
