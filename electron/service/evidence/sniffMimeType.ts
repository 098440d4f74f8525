import { fileTypeFromBuffer } from 'file-type';

/**
 * Identifies a file by its content (file-type's signatures, not the declared type or the
 * extension): a renamed file must not reach a decoder that expects something else. Callers
 * compare the answer with the types they accept; undefined means nothing recognisable.
 */
export async function sniffMimeType(bytes: Uint8Array): Promise<string | undefined> {
  return (await fileTypeFromBuffer(bytes))?.mime;
}
