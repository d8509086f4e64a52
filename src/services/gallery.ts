// The examples gallery: public/examples/index.json lists the scripts written for this project.
export interface GalleryEntry {
  name: string;
  file: string;
  title: string;
  description: string;
}

/** Validates index.json; entries without a name or file are dropped. */
export function parseGalleryIndex(data: unknown): GalleryEntry[] {
  if (!Array.isArray(data)) throw new Error('examples/index.json is not a list.');
  const out: GalleryEntry[] = [];
  for (const item of data) {
    if (!item || typeof item !== 'object') continue;
    const v = item as Record<string, unknown>;
    if (typeof v.name !== 'string' || typeof v.file !== 'string') continue;
    out.push({
      name: v.name,
      file: v.file,
      title: typeof v.title === 'string' && v.title ? v.title : v.name,
      description: typeof v.description === 'string' ? v.description : '',
    });
  }
  return out;
}
