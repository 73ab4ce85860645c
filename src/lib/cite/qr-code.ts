import QRCode from 'qrcode';

/*
 * The QR code of a link, as inline SVG: drawn at build time for the address the site was built for,
 * and again in the browser when the page is served from another address (a school's own server), so
 * that a phone always opens the page that is on the screen. One function, so both draw the same code.
 */

/**
 * Black on white whatever the theme: phone cameras read dark modules on a light ground best. Error
 * correction M survives a projector's glare and keystone better than L, at little size cost.
 */
export async function qrCodeSvg(url: string, className = 'qr-code'): Promise<string> {
  const svg = await QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return svg.replace('<svg ', `<svg class="${className}" aria-hidden="true" focusable="false" `);
}
