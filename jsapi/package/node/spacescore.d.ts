// Types of the spacescore package: the Node build (CommonJS, ready on `require`).
// The ES module build (`../spacescore.d.ts`) re-exports all of these and adds `init`.
//
// Every decimal is a string holding its exact value without trailing zeros ("7", "1.4",
// "0.2"); never parse it into a float for arithmetic. Nullable decimals are `string | null`.

/** A decimal number as exact text, e.g. `"1.4"`. */
export type Decimal = string;

/** How a rubric is scored: by published formulas, by weights only (self-assessed), or a data form with no score. */
export type Method = "formula" | "weights" | "form";

/** What kind of value an input field takes. */
export type FieldKind = "count" | "amount" | "signed-amount" | "percent" | "bool" | "checklist" | "choice" | "score";

/** The kinds of rule an item's terms use. */
export type RuleKind = "bands" | "per" | "step" | "linear" | "flag" | "choice" | "weighted" | "self" | "highest" | "deduct" | "condition";

/**
 * One input as a person gave it:
 * - a string is read as typed (`"1,200"`, `"５００平方米"`, `"60%"`, `"是"`, `"a、b"`);
 * - a number is read as its shortest decimal text (`String(x)`), exactly: `0.1` is 0.1
 *   (a bigint as its digits);
 * - a boolean is a yes/no answer;
 * - an array of strings is checklist choices (by option id or name);
 * - `null` or `undefined` means not given (the field is listed as missing).
 * Anything else is turned into text (its JSON) and reported as an error against the field.
 */
export type InputValue = string | number | bigint | boolean | readonly string[] | null | undefined;

/** Field id → value. Fields a rubric does not read are listed in `Report.ignored`. */
export type Inputs = { readonly [field: string]: InputValue };

/** A document saved or exported by the spacescore page; its `values` are scored. */
export interface SavedDocument {
    readonly format: "spacescore/1";
    readonly rubric?: string;
    readonly rubric_version?: string;
    readonly rubric_hash?: string;
    readonly saved_at?: string;
    readonly values: Inputs;
}

/** One entry of `rubrics()`. */
export interface RubricSummary {
    /** The rubric id, e.g. `"inner-mongolia/maker-space"`. */
    id: string;
    name: string;
    name_en: string;
    region: string;
    region_en: string;
    space_type: string;
    space_type_en: string;
    method: Method;
    /** The rubric data's version. */
    version: string;
    /** The rubric's content hash (SHA-256 of its compiled form, 64 hex digits). */
    hash: string;
    /** Whether it is built in (false for one added with `load()`). */
    builtin: boolean;
}

/** A group's subtotal. */
export interface GroupScore {
    id: string;
    name: string;
    /** Its items' scores added up. */
    score: Decimal;
    /** Its weight. */
    max: Decimal;
    /** Whether it holds bonus items. */
    bonus: boolean;
}

/** A computed figure (a ratio, a percentage, a sum). */
export interface FigureValue {
    id: string;
    label: string;
    label_en: string;
    /** Its exact value; null when it cannot be computed (nothing to divide by). */
    value: Decimal | null;
    /** Its value for display ("66.67%"), or "—". */
    display: string;
    /** Whether it meets its reference line, where it has one and can be computed. */
    meets: boolean | null;
    /** The reference line, for display ("≥ 50%"). */
    target: string | null;
}

/** One item's result. */
export interface ItemScore {
    id: string;
    /** Its group's id. */
    group: string;
    /** Its score; null while one of its inputs cannot be read. */
    score: Decimal | null;
    max: Decimal;
    /** Whether its terms added up to more than the maximum, so the cap applied. */
    capped: boolean;
    /** Whether any part of it is self-assessed. */
    self_assessed: boolean;
    /** How the score came about, naming the figures and the rule (Chinese). */
    explanation: string;
    explanation_en: string;
    /** Its inputs that are still empty. */
    missing: string[];
    /** Its inputs that cannot be read. */
    errors: string[];
    /** Figures computed beside it. */
    figures: FigureValue[];
}

/** A problem with one field's input. */
export interface FieldError {
    /** The field id. */
    field: string;
    /** What is wrong, in Chinese, naming the field. */
    message: string;
    message_en: string;
}

/** Figures that do not agree with each other. */
export interface Warning {
    message: string;
    message_en: string;
    /** The fields involved. */
    fields: string[];
}

/** The result of `score()`: what `spacescore score ID` prints. */
export interface Report {
    rubric: string;
    rubric_version: string;
    method: Method;
    /** The base score (null for a form). */
    base: Decimal | null;
    /** The bonus points (null for a form). */
    bonus: Decimal | null;
    /** Base plus bonus (null for a form). */
    total: Decimal | null;
    base_max: Decimal;
    /** The most the bonus can add (the rubric's cap on the bonus total, where it has one). */
    bonus_max: Decimal;
    /** Whether the bonus items added up to more than the cap on the bonus total. */
    bonus_capped: boolean;
    /** The grade, where the document publishes bands or a veto names one. */
    grade: string | null;
    grade_en: string | null;
    /** Why the grade is lower than the total alone would give, if it is. */
    grade_notes: string[];
    grade_notes_en: string[];
    /** Whether a 一票否决 (veto) clause applies. */
    vetoed: boolean;
    /** The clauses that apply, verbatim. */
    veto_reasons: string[];
    veto_reasons_en: string[];
    groups: GroupScore[];
    items: ItemScore[];
    /** Figures computed for the whole rubric (a form's derived figures). */
    figures: FigureValue[];
    /** Fields the score needs that are still empty (they count as zero). */
    missing: string[];
    /** Fields that could not be read. */
    errors: FieldError[];
    warnings: Warning[];
    /** Inputs this rubric does not read. */
    ignored: string[];
    /** Whether every needed field is filled and readable (`missing` and `errors` are empty). */
    complete: boolean;
}

/** An input field, as `describe()` lists it. */
export interface InputDescription {
    field: string;
    name: string;
    name_en: string;
    kind: FieldKind;
    unit: string;
    unit_en: string;
    max: Decimal | null;
    /** A checklist's or single-choice field's option ids. */
    options: string[];
    /** The same options with their names. */
    choices: ChoiceDescription[];
    /** The period this rubric asks the figure for, where documents differ. */
    period: string | null;
    period_en: string | null;
    note: string | null;
}

/** One option of a checklist or single-choice field. */
export interface ChoiceDescription {
    id: string;
    name: string;
    name_en: string;
}

export interface GroupDescription {
    id: string;
    name: string;
    name_en: string;
    source: string;
    max: Decimal;
    bonus: boolean;
    notes: string[];
}

export interface ItemDescription {
    id: string;
    group: string;
    number: string | null;
    name: string;
    name_en: string;
    max: Decimal;
    bonus: boolean;
    self_assessed: boolean;
    nature: string | null;
    source_text: string;
    rule_text: string | null;
    evidence: string | null;
    /** The kinds of its rule's terms. */
    rule: RuleKind[];
    inputs: InputDescription[];
    /** Fields that support a self-assessment without changing the score. */
    aids: InputDescription[];
    policies: string[];
    notes: string[];
}

/** A form's row (Shanxi). */
export interface RowDescription {
    group: string;
    label: string;
    unit: string;
    input: InputDescription;
}

export interface GradeDescription {
    name: string;
    name_en: string;
    /** The lowest total in the band, if bounded below. */
    from: Decimal | null;
    from_inclusive: boolean;
    /** The highest total in the band, if bounded above. */
    to: Decimal | null;
    to_inclusive: boolean;
}

export interface VetoDescription {
    id: string;
    text: string;
    text_en: string;
    /** The yes/no field, or the fields of the comparison, that decide it. */
    inputs: string[];
    notes: string[];
}

export interface PolicyDescription {
    id: string;
    text: string;
    text_en: string;
}

/** The result of `describe()`: what `spacescore describe ID` prints. */
export interface Description {
    id: string;
    version: string;
    name: string;
    name_en: string;
    region: string;
    region_en: string;
    space_type: string;
    space_type_en: string;
    method: Method;
    /** The document's title. */
    title: string;
    /** Who issued the document; null where it does not say (see `issuer_note`). */
    issuer: string | null;
    /** Where the document names no issuer: what was looked for. */
    issuer_note: string | null;
    document_number: string | null;
    /** The document's year; null where it does not say (see `year_note`). */
    year: string | null;
    year_note: string | null;
    period: string;
    section: string;
    /** Where the text was transcribed from, if recorded. */
    source: string | null;
    references: string[];
    base_max: Decimal;
    bonus_max: Decimal;
    /** The cap on the bonus total, where the document sets one below the bonus items' sum. */
    bonus_cap: Decimal | null;
    /** The rubric's content hash (SHA-256 of its compiled form, 64 hex digits). */
    hash: string;
    groups: GroupDescription[];
    items: ItemDescription[];
    /** A form's rows (Shanxi); empty for scored rubrics. */
    rows: RowDescription[];
    grades: GradeDescription[];
    grade_names: string[];
    grades_note: string | null;
    vetoes: VetoDescription[];
    limits: string[];
    /** Interpretations of the whole document. */
    notes: string[];
    /** The policy lines the items cite. */
    policies: PolicyDescription[];
}

/** Every rubric: the built-in ones (in the order `spacescore list` gives), then those added with `load()`. */
export function rubrics(): RubricSummary[];

/** One problem of a rubric file, as the checker reports it. */
export interface RubricProblem {
    /** The file, as named in `load(source, name)`. */
    file: string;
    /** The 1-based line, where known. */
    line: number | null;
    /** Where in the file: "item workstations, term 1, key every". */
    place: string;
    place_zh: string;
    /** What is wrong and what to do. */
    message: string;
    message_zh: string;
    /** The whole line: `file:line place: message`. */
    text: string;
    text_zh: string;
}

/** An `Error` thrown by `load()` for a rubric file with problems. */
export interface RubricError extends Error {
    /** Every problem, in the order of the file. */
    problems: RubricProblem[];
}

/**
 * Checks a rubric source and adds its rubrics, so that `describe()` and `score()` accept
 * their ids (a rubric with an id already there replaces it). The source is a rubric file's
 * text, its bytes, or a compiled rubric (`spacescore compile`), at most 1 MiB.
 * @param name the file's name, used in problem messages (default "rubric").
 * @returns the rubric's id, or the ids of a file that defines several rubrics.
 * @throws {RubricError} listing every problem of the file.
 * @throws {TypeError} when `source` is not text or bytes, or is too large.
 */
export function load(source: string | Uint8Array | ArrayBuffer, name?: string): string | string[];

/** What `checkRubric()` returns: the file's rubrics compiled, or its problems. */
export type CheckResult =
    | { ok: true; rubrics: { id: string; name: string; name_en: string; version: string; hash: string; bytes: Uint8Array }[] }
    | { ok: false; problems: RubricProblem[] };

/**
 * Checks a rubric source without adding it (what the page uses for a file a person opens).
 * @throws {TypeError} when `source` is not text or bytes, or is too large.
 */
export function checkRubric(source: string | Uint8Array | ArrayBuffer, name: string): CheckResult;

/**
 * The rubric with this id, described.
 * @throws {Error} when no rubric has the id (the message names it).
 */
export function describe(id: string): Description;

/**
 * Scores one space under the rubric `id`. Input problems are not thrown: they are listed
 * in `errors` against their field and the rest still scores.
 * @throws {Error} when no rubric has the id, or `inputs` is not an object.
 */
export function score(id: string, inputs: Inputs | ReadonlyMap<string, InputValue> | SavedDocument): Report;
