// The rubric checker, for every page of the site: the JS API package (pkg/, one folder down
// from this file), imported the first time a person opens a rubric file on a page, and never
// before. Each page's boot script points window.spacescoreCheck(bytes, name) here; the page's
// wasm calls it and reads {ok, rubrics: [{bytes}]} or {ok: false, problems: [{text, text_zh}]}.

const base = new URL('./', import.meta.url);
let checker = null;

/** Checks a rubric file (or compiled rubric), loading the checker on first use. */
export async function check(source, name) {
  checker ??= import(new URL('pkg/spacescore.js', base).href).then(async (m) => {
    await m.default({ module_or_path: new URL('pkg/spacescore_bg.wasm', base) });
    return m;
  });
  const m = await checker;
  return m.checkRubric(source, name);
}
