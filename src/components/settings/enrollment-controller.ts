import type { ReactiveController } from 'lit';
import type { Enrollment } from '../../internal/contract.js';
import { settingsClientFor, type EnrollableProduct } from '../../internal/settings-client.js';
import { TfaEnrollmentCloseEvent } from '../add-method/enrollment-close-event.js';
import { createQrMatrix, type QrMatrix } from '../totp-wizard/qr.js';
import { StepUpController, type StepUpHost } from './step-up-controller.js';

export interface EnrollmentHost extends StepUpHost {
  /** The app being added. */
  product: EnrollableProduct;
  /** Level of the host's heading; "Confirm it's you" is one below. */
  headingLevel: number;
}

/**
 * The enrollment plumbing the wizards that add an app share (`<tfa-totp-wizard>`,
 * `<tfa-app-enroll>`): start it (`POST /me/enrollments`, behind "Confirm it's you" when the
 * server asks for a step-up) with its QR code, delete it when the person cancels or the wizard
 * leaves the page unfinished, and say `tfa-enrollment-close` once the wizard is done with it.
 * Loaded with the wizards only (it is what imports the QR code).
 */
export class EnrollmentController implements ReactiveController {
  readonly stepUp: StepUpController;
  readonly #host: EnrollmentHost;
  #enrollment?: Enrollment;
  #qr?: QrMatrix;
  #closed = false;

  constructor(host: EnrollmentHost) {
    this.#host = host;
    this.stepUp = new StepUpController(host);
    host.addController(this);
  }

  /** The enrollment, as the server last described it. */
  get enrollment(): Enrollment | undefined {
    return this.#enrollment;
  }

  set enrollment(enrollment: Enrollment | undefined) {
    this.#enrollment = enrollment;
    this.#host.requestUpdate();
  }

  /** The QR code of the enrollment's `qrUri`. */
  get qr(): QrMatrix | undefined {
    return this.#qr;
  }

  hostUpdate(): void {
    this.stepUp.headingLevel = this.#host.headingLevel + 1;
  }

  /** Creates the enrollment (after a step-up when needed) and its QR code. */
  async start(): Promise<Enrollment> {
    const enrollment = await this.stepUp.run((token) => settingsClientFor(this.#host).startEnrollment(token, this.#host.product));
    this.#qr = await createQrMatrix(enrollment.qrUri);
    this.enrollment = enrollment;
    return enrollment;
  }

  /** Forgets the enrollment and its QR code (the server's is gone or expired). */
  forget(): void {
    this.#qr = undefined;
    this.enrollment = undefined;
  }

  /** Deletes a pending enrollment on the server (already gone or expired is fine), then forgets it. */
  async discard(): Promise<void> {
    const pending = this.#pending();
    if (pending) await this.#delete(pending).catch(() => undefined);
    this.forget();
  }

  /**
   * Leaves nothing half-enrolled when the wizard leaves the page unfinished: deletes the pending
   * enrollment in the background. True when there was one.
   */
  abandon(): boolean {
    const pending = this.#closed ? undefined : this.#pending();
    if (!pending) return false;
    this.enrollment = undefined;
    void this.#delete(pending).catch(() => undefined);
    return true;
  }

  /**
   * "Cancel": abandons a pending step-up, deletes the pending enrollment, then says
   * `tfa-enrollment-close` with `cancel`.
   */
  async cancel(): Promise<void> {
    this.stepUp.cancel();
    const pending = this.#pending();
    if (pending) await this.#delete(pending).catch(() => undefined);
    this.enrollment = undefined;
    this.close('cancel');
  }

  /** The wizard is done with the enrollment: `tfa-enrollment-close` with `reason`. */
  close(reason: 'done' | 'cancel'): void {
    this.#closed = true;
    this.#host.dispatchEvent(new TfaEnrollmentCloseEvent(reason));
  }

  #pending(): Enrollment | undefined {
    const enrollment = this.#enrollment;
    return enrollment?.status === 'pending' && this.#host.session ? enrollment : undefined;
  }

  #delete(enrollment: Enrollment): Promise<unknown> {
    return settingsClientFor(this.#host).cancelEnrollment(this.#host.session!.token, enrollment.id);
  }
}
