// The applicant's filing, for the self-check page: the export module (filing/, one folder
// down from this file: the .xlsx and .docx writers the CLI's `score --xlsx|--docx` uses),
// imported the first time a person asks for an export, and never before. The page's boot
// script points window.spacescoreFiling(kind, rubric, work, lang) here; the page's wasm calls
// it and reads the document's bytes, or an Error whose message is Chinese and whose text_en
// is English.

const base = new URL('./', import.meta.url);
let writer = null;

/** Writes the filing (`kind`: "xlsx" or "docx"), loading the export module on first use. */
export async function filing(kind, rubric, work, lang) {
  writer ??= import(new URL('filing/spacescore_filing.js', base).href).then(async (m) => {
    await m.default({ module_or_path: new URL('filing/spacescore_filing_bg.wasm', base) });
    return m;
  });
  // A failed load is tried again on the next click, not remembered.
  const m = await writer.catch((e) => {
    writer = null;
    throw e;
  });
  return m.filing(kind, rubric, work, lang);
}
