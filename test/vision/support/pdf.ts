// Small PDF documents written by hand for the Read tests: pages of Helvetica
// text (a PDF made by software) and pages that are one JPEG each (a scan).
export type PdfPage =
  | { width: number; height: number; text: Array<{ x: number; y: number; size: number; text: string }> }
  | { width: number; height: number; jpeg: Buffer; pixels: { width: number; height: number } };

const escapeText = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);

/** A PDF of the given pages; sizes and text positions in points (1/72 inch) from the bottom-left. */
export function makePdf(pages: PdfPage[]): Buffer {
  const objects: Buffer[] = [];
  const add = (body: string | Buffer) => { objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1')); return objects.length; };
  const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const pagesId = 2 + pages.length * 3;
  const kids: number[] = [];
  for (const page of pages) {
    let content: string;
    let resources: string;
    if ('text' in page) {
      content = page.text.map((t) => `BT /F1 ${t.size} Tf ${t.x} ${t.y} Td (${escapeText(t.text)}) Tj ET`).join('\n');
      resources = `<< /Font << /F1 ${font} 0 R >> >>`;
      add('<< >>'); // keeps three objects a page
    } else {
      const image = add(stream(`/Type /XObject /Subtype /Image /Width ${page.pixels.width} /Height ${page.pixels.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`, page.jpeg));
      content = `q ${page.width} 0 0 ${page.height} 0 0 cm /Im1 Do Q`;
      resources = `<< /XObject << /Im1 ${image} 0 R >> >>`;
    }
    const contents = add(stream('', Buffer.from(content, 'latin1')));
    kids.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${page.width} ${page.height}] /Resources ${resources} /Contents ${contents} 0 R >>`));
  }
  if (objects.length + 1 !== pagesId) throw new Error('object numbering is off');
  add(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
  const catalog = add(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`);
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(offset);
    offset += chunk.length;
    parts.push(chunk);
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
