/** The longest side a consult photo keeps: enough to read a rash or a label, small enough to send. */
export const PHOTO_MAX_SIDE = 1600;
const JPEG_QUALITY = 0.85;

/** How a picture of `width`×`height` is scaled so its longer side is at most `max` (never enlarged). */
export function fitWithin(width: number, height: number, max = PHOTO_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Base64 of a Blob's bytes, without the data-URL prefix. */
async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A chosen image file as a JPEG no larger than PHOTO_MAX_SIDE on its longer side (re-encoded
 * through a canvas, which also drops the camera's metadata such as location), ready for
 * `consults.addPhoto`, with an object URL to preview it.
 */
export async function photoFromFile(file: Blob): Promise<{ data: string; preview: string }> {
  const bitmap = await createImageBitmap(file);
  const size = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const jpeg = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encoding failed'))), 'image/jpeg', JPEG_QUALITY),
  );
  return { data: await base64Of(jpeg), preview: URL.createObjectURL(jpeg) };
}
