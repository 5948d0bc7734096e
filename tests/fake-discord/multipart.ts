/** A file part of a multipart/form-data request body (discord.js sends attachments this way). */
export interface UploadedFile {
  /** The form field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string | undefined;
  size: number;
  data: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/** A small multipart/form-data parser, enough for what @discordjs/rest sends (payload_json + files[n]). */
export function parseMultipart(raw: Buffer, contentType: string): MultipartBody {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  const result: MultipartBody = { fields: {}, files: [] };
  if (!boundary) return result;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part sits between "--boundary\r\n" and "\r\n--boundary".
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    start = next;
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) continue;
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) continue;
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const partType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim();
    if (filename !== undefined) {
      result.files.push({ field: name, filename, contentType: partType, size: content.length, data: Buffer.from(content) });
    } else {
      result.fields[name] = content.toString('utf8');
    }
  }
  return result;
}
