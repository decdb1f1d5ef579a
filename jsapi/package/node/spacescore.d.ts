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
 * - a number is read as its exact decimal: its shortest round-trip digits written out
 *   without an exponent (`0.1` is 0.1, `1e-7` is 0.0000001; a bigint as its digits);
 *   `NaN` and `Infinity` are reported against the field as not numbers;
 * - a boolean is a yes/no answer;
 * - an array is checklist choices (by option id or name);
 * - `null` or `undefined` means not given (the field is listed as missing);
 * - a plain object is kept as its JSON text and reported as an error against the field.
 * A value JSON cannot hold (a `Set`, a `Date`, a function…) is a `TypeError`.
 */
export type InputValue = string | number | bigint | boolean | readonly InputValue[] | { readonly [key: string]: InputValue } | null | undefined;

/** Field id → value. Fields a rubric does not read are listed in `Report.ignored`. */
export type Inputs = { readonly [field: string]: InputValue };

/**
 * A document saved or exported by the spacescore page; its `values` are scored. A document
 * with a `format` of another version is refused with an `Error` saying which are read.
 */
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
    /** What to know about the document the figures came from (saved work of another rubric
     *  or version, members beside `values` that were not read), in Chinese. */
    notes: string[];
    /** The same notes, in English. */
    notes_en: string[];
}

/** What kind of change a suggestion is. */
export type Change =
    /** A figure goes up. */
    | "raise"
    /** A figure goes down (a deduction's count, the other side of a ratio). */
    | "lower"
    /** An empty figure is entered as 0 (a deduction counts only once its count is given). */
    | "fill"
    /** A yes/no question is answered yes. */
    | "yes"
    /** A single-choice field takes another option (the next level up). */
    | "choose"
    /** More options of a checklist are ticked. */
    | "tick";

/** How a suggested change moves another item that reads the same input. */
export interface Effect {
    item: string;
    /** Its change in points, negative when it loses. */
    change: Decimal;
}

/** The smallest change to one input that raises one item. */
export interface Suggestion {
    /** The item it raises. */
    item: string;
    group: string;
    /** The input to change. */
    field: string;
    change: Change;
    /** The input's value now, as text ("" when not given; a checklist's option ids joined by "、"; "是"/"否"). */
    from: string;
    /** The value to enter, as text in the same form. */
    to: string;
    /** The value to enter as an input: `score(id, {...inputs, [field]: value})` scores the gain. */
    value: string | boolean | string[];
    /** A checklist's options that `value` ticks. */
    add: string[];
    /** A checklist's unticked options, each of which counts the same as those in `add`. */
    any_of: string[];
    /** The points the item gains, after its parts' caps, its own cap and any `requires`. */
    gain: Decimal;
    /** The points the total gains: with the other items the input moves and the cap on the bonus total; may be "0" or negative. */
    total_gain: Decimal;
    /** Other items the same change moves. */
    also: Effect[];
    /** The ids of 一票否决 clauses the change would set off. */
    vetoes: string[];
    /** The suggestion in a sentence: "创客工位数 35 → 40 个：+1 分（进入“40 个及以上”档，得 3 分）". */
    explanation: string;
    explanation_en: string;
}

/** Where an item stands. */
export type Standing =
    /** At its maximum. */
    | "max"
    /** Below its maximum, with at least one suggestion. */
    | "open"
    /** Below its maximum only by a self-assessed part: only its headroom is reported. */
    | "self"
    /** An input cannot be read, so the item has no score until it is corrected. */
    | "unreadable"
    /** Below its maximum, but no change to a single input raises it. */
    | "stuck";

/** One item's standing and next step (for its card). */
export interface ItemAdvice {
    item: string;
    group: string;
    standing: Standing;
    score: Decimal | null;
    max: Decimal;
    /** Maximum less score (the maximum while it has no score). */
    headroom: Decimal;
    /** The part of the headroom that is self-assessed. */
    self_headroom: Decimal;
    /** Its next step in one line: its best suggestion, 已满分, the self-assessed headroom, or what to correct. */
    explanation: string;
    explanation_en: string;
}

/** A group's headroom. */
export interface GroupHeadroom {
    id: string;
    name: string;
    name_en: string;
    bonus: boolean;
    score: Decimal;
    max: Decimal;
    /** Weight less subtotal (before the cap on the bonus total, which `Advice.bonus_headroom` applies). */
    headroom: Decimal;
    self_headroom: Decimal;
}

/** The distance to the next grade. */
export interface NextGrade {
    current: string | null;
    current_en: string | null;
    /** The next grade up. */
    grade: string;
    grade_en: string;
    /** The points the total is short of it ("0" when only a veto or a limit stands between). */
    missing: Decimal;
    /** Whether reaching `missing` exactly is enough; otherwise more than `missing` is needed. */
    inclusive: boolean;
    /** Whether the headroom left can close the gap, nothing blocking it. */
    reachable: boolean;
    /** Whether a 一票否决 applies: no gain changes the grade until it is cleared. */
    vetoed: boolean;
    /** The veto clauses or grade limits that hold the grade where it is. */
    blocked: string[];
    blocked_en: string[];
    /** "距“优秀”还差 0.5 分", or why no gain changes the grade. */
    explanation: string;
    explanation_en: string;
}

/** An input to correct before the items that read it can score. */
export interface Fix {
    field: string;
    message: string;
    message_en: string;
    /** The items that score once it is corrected. */
    items: string[];
}

/** The result of `advise()`: what `spacescore advise ID` prints. */
export interface Advice {
    rubric: string;
    rubric_version: string;
    /** The total now (null for a form). */
    total: Decimal | null;
    /** The points the total can still gain. */
    headroom: Decimal;
    base_headroom: Decimal;
    /** After the cap on the bonus total. */
    bonus_headroom: Decimal;
    /** Every suggestion, best first: by the total's gain, then the item's, then form order. */
    suggestions: Suggestion[];
    /** Every item in form order. */
    items: ItemAdvice[];
    groups: GroupHeadroom[];
    /** Null where the rubric publishes no grade bands, or the grade is the top one. */
    next_grade: NextGrade | null;
    fixes: Fix[];
    /** What concerns the whole advice (a veto, the bonus cap, a form). */
    notes: string[];
    notes_en: string[];
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
    /** Its rule, whole: each term with every key a rubric file gives it (`kind`, `input`,
     *  thresholds, steps, points, bands, caps, `places`), as the rubric file writes them. */
    terms: Record<string, RubricValue>[];
    /** Figures computed from its inputs and shown beside it. */
    figures: FigureDescription[];
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

/** A value of a rubric file, as the file writes it: text (decimals are text), a whole
 *  number (`places`), a list, or a table of keys. */
export type RubricValue = string | number | RubricValue[] | Record<string, RubricValue>;

/** A consistency check: `left op right`, each side a field id or a computed quantity. */
export interface ConsistencyDescription {
    left: RubricValue;
    op: string;
    right: RubricValue;
    message: string;
    message_en: string;
    /** The comparison under which the check applies, if any. */
    when: RubricValue | null;
}

/** A computed figure: its name, how it is computed, and its reference line. */
export interface FigureDescription {
    id: string;
    label: string;
    label_en: string;
    input: RubricValue;
    /** `{op, value}`, if the figure has a reference line. */
    target: RubricValue | null;
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
    /** What the bonus items add up to. */
    bonus_max: Decimal;
    /** The cap on the bonus total, where the document sets one below the bonus items' sum. */
    bonus_cap: Decimal | null;
    /** The most the bonus adds to the total: the cap where there is one, else `bonus_max`. */
    bonus_counted: Decimal;
    /** The rubric's content hash (SHA-256 of its compiled form, 64 hex digits). */
    hash: string;
    groups: GroupDescription[];
    items: ItemDescription[];
    /** A form's rows (Shanxi); empty for scored rubrics. */
    rows: RowDescription[];
    grades: GradeDescription[];
    /** Grades the document names without cut-offs. */
    grade_names: string[];
    grade_names_en: string[];
    grades_note: string | null;
    vetoes: VetoDescription[];
    limits: string[];
    /** The consistency checks between figures. */
    consistency: ConsistencyDescription[];
    /** Figures computed for the whole rubric (a form's derived figures). */
    figures: FigureDescription[];
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
 * Scores one space under the rubric `id`: `inputs` is an object of field id → value, a saved
 * document, or either as JSON text or its UTF-8 bytes. Input problems are not thrown: they
 * are listed in `errors` against their field and the rest still scores.
 * @throws {TypeError} when `inputs` is not a plain object, text or bytes, holds a value JSON
 *   cannot (a `Set`, a `Date`, a function), or is larger than 256 KiB (checked first).
 * @throws {Error} when no rubric has the id, or the document cannot be read (a key given
 *   twice, a lone surrogate, bytes that are not UTF-8, an unknown saved-work format).
 */
export function score(id: string, inputs: Inputs | ReadonlyMap<string, InputValue> | SavedDocument | string | Uint8Array | ArrayBuffer): Report;

/**
 * What would raise one space's score under the rubric `id`, for the same inputs as
 * `score()`: the smallest change to one input per item and its gain, ranked; each item's
 * standing; the headroom per group; the points missing to the next grade.
 * @throws {TypeError} as `score()` does, for inputs it cannot take.
 * @throws {Error} when no rubric has the id, or the document cannot be read.
 */
export function advise(id: string, inputs: Inputs | ReadonlyMap<string, InputValue> | SavedDocument | string | Uint8Array | ArrayBuffer): Advice;
