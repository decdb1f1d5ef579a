// Types of the spacescore package: the ES module build, for browsers and bundlers.
// Call `init()` (or `initSync()`) once before `rubrics()`, `describe()`, `score()` or `advise()`.
// The API and result types are shared with the Node build and declared in
// ./node/spacescore.d.ts; every decimal is a string (e.g. "1.4"), nullable ones `string | null`.

export * from "./node/spacescore.js";

/** Where to load the wasm from: a URL or request, a response, its bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** The wasm bytes or a compiled module. */
export type SyncInitInput = BufferSource | WebAssembly.Module;

/** The instantiated module's exports (internal: use the functions of this module). */
export interface InitOutput {
    readonly memory: WebAssembly.Memory;
}

/**
 * Loads and instantiates the wasm. Without an argument it fetches `spacescore_bg.wasm`
 * next to this file (`new URL("spacescore_bg.wasm", import.meta.url)`). Call it once and
 * await it before using the other functions; later calls return the same instance.
 */
export default function init(
    module_or_path?: { module_or_path: InitInput | Promise<InitInput> },
): Promise<InitOutput>;

/**
 * Instantiates the wasm synchronously from its bytes or a compiled module, e.g. in Node:
 * `initSync({ module: readFileSync(new URL("./spacescore_bg.wasm", import.meta.url)) })`.
 */
export function initSync(module: { module: SyncInitInput }): InitOutput;
