/**
 * The whole-widget entry (`tfa-login-widget`, src/index.ts) defines every element up front,
 * wizards and `<tfa-login>` included, without registering lazy loaders (so bundlers make one
 * chunk of it); the settings entry (`tfa-login-widget/settings`) leaves the wizards to first use.
 */
import { expect } from '@open-wc/testing';
import * as widget from '../../src/index.js';

const ALL = [
  'tfa-login', 'tfa-login-form', 'tfa-otp-entry', 'tfa-signed-in', 'tfa-push-wait', 'tfa-device-picker', 'tfa-forgot-device',
  'tfa-settings', 'tfa-method-list', 'tfa-add-method', 'tfa-contact-details', 'tfa-totp-wizard', 'tfa-app-enroll',
];

describe('whole-widget entry', () => {
  it('defines every element as soon as it is imported', () => {
    for (const tag of ALL) expect(customElements.get(tag), tag).to.be.a('function');
  });

  it('exports the element classes, the wizards included', () => {
    expect(customElements.get('tfa-totp-wizard')).to.equal(widget.TfaTotpWizard);
    expect(customElements.get('tfa-app-enroll')).to.equal(widget.TfaAppEnroll);
    expect(customElements.get('tfa-settings')).to.equal(widget.TfaSettings);
    expect(customElements.get('tfa-login')).to.equal(widget.TfaLoginElement);
  });
});
