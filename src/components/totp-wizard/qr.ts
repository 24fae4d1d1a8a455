import { html, svg, type TemplateResult } from 'lit';

/** A QR symbol: `size` × `size` modules, row-major, 1 = dark. */
export interface QrMatrix {
  size: number;
  data: ArrayLike<number>;
}

/** Light modules around the symbol, as the QR standard asks (ISO/IEC 18004: 4). */
export const QUIET_ZONE = 4;

/**
 * Encodes `text` with `qrcode` (loaded on demand, so only enrollment code carries it).
 * Error correction M, which phone cameras read easily at screen sizes.
 */
export async function createQrMatrix(text: string): Promise<QrMatrix> {
  // qrcode is CommonJS: depending on the bundler the API is the namespace or its default.
  const mod = (await import('qrcode')) as unknown as { default?: typeof import('qrcode') } & typeof import('qrcode');
  const QR = mod.default ?? mod;
  const symbol = QR.create(text, { errorCorrectionLevel: 'M' });
  return { size: symbol.modules.size, data: symbol.modules.data };
}

/** One SVG path with a unit square per dark module, offset by the quiet zone. */
export function qrPath(matrix: QrMatrix): string {
  const parts: string[] = [];
  for (let y = 0; y < matrix.size; y++) {
    for (let x = 0; x < matrix.size; x++) {
      if (matrix.data[y * matrix.size + x]) parts.push(`M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`);
    }
  }
  return parts.join('');
}

/**
 * The QR code as inline SVG built from Lit templates (no data: URL, so it works under
 * `img-src 'self'`), dark on light with the quiet zone, named for assistive technology.
 */
export function qrTemplate(matrix: QrMatrix, label: string): TemplateResult {
  const full = matrix.size + 2 * QUIET_ZONE;
  return html`<svg
    class="tfa-qr"
    part="qr"
    role="img"
    aria-label=${label}
    viewBox="0 0 ${full} ${full}"
    shape-rendering="crispEdges"
    xmlns="http://www.w3.org/2000/svg"
  >${svg`<rect class="tfa-qr-light" width=${full} height=${full} fill="#ffffff"></rect><path class="tfa-qr-dark" d=${qrPath(matrix)} fill="#000000"></path>`}</svg>`;
}

/** "JBSW Y3DP EHPK 3PXP": the key in groups of four, easier to read and type. */
export function groupKey(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}
