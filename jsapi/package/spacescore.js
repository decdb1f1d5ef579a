// The spacescore package's ES module, for browsers and bundlers: the functions of the
// wasm-bindgen glue (spacescore_glue.js), each of which says, in Chinese and English, when
// init() (or initSync()) has not finished yet, instead of failing with “cannot read
// properties of undefined”. The wasm is spacescore_bg.wasm next to this file.

import glueInit, * as glue from './spacescore_glue.js';

let ready = false;

/**
 * Loads and instantiates the wasm (by default `spacescore_bg.wasm` next to this file).
 * Await it once before the other functions; later calls return the same instance.
 */
export default async function init(options) {
  const given = options ?? { module_or_path: new URL('spacescore_bg.wasm', import.meta.url) };
  const out = await glueInit(given);
  ready = true;
  return out;
}

/** Instantiates the wasm synchronously from its bytes or a compiled module. */
export function initSync(options) {
  const out = glue.initSync(options);
  ready = true;
  return out;
}

function need(name) {
  if (!ready) {
    throw new Error(
      `spacescore：请先调用 init()（或 initSync()）并等待其完成，再调用 ${name}()。`
      + ` / spacescore: call init() (or initSync()) and wait for it before ${name}().`,
    );
  }
}

export function rubrics() { need('rubrics'); return glue.rubrics(); }
export function describe(id) { need('describe'); return glue.describe(id); }
export function score(id, inputs) { need('score'); return glue.score(id, inputs); }
export function advise(id, inputs) { need('advise'); return glue.advise(id, inputs); }
export function load(source, name) { need('load'); return glue.load(source, name); }
export function checkRubric(source, name) { need('checkRubric'); return glue.checkRubric(source, name); }
