import type { Request } from 'express';

/**
 * The file and text fields of a multipart/form-data body (RFC 7578), for the /verify page's badge upload:
 * a browser without scripts can only send a file that way. The body is read whole (the route's raw parser
 * caps its size first); parts are split on the boundary and their Content-Disposition names read.
 */
export type MultipartPart = { name: string; filename: string | null; content: Buffer };

export function readMultipart(request: Request): MultipartPart[] | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.get('content-type') ?? '');
  const body = request.body;
  if (!boundary || !Buffer.isBuffer(body)) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
      if (name !== undefined) parts.push({ name, filename, content: part.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}
