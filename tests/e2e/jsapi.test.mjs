// End-to-end tests of the JS API package (dist/pkg): rubrics(), describe(id), score(id, inputs),
// advise(id, inputs).
//
// Run: cd tests/e2e && npm install && node --test jsapi.test.mjs
// Needs the package built (cargo xtask dist, or the commands in jsapi/package/README.md) and
// the CLI (cargo build -p spacescore-cli). Override their places with SPACESCORE_PKG and
// SPACESCORE_CLI.

import { describe as group, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseToml } from 'smol-toml';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const PKG = path.resolve(process.env.SPACESCORE_PKG || path.join(root, 'dist/pkg'));
const CLI = path.resolve(process.env.SPACESCORE_CLI || path.join(root, 'target/debug/spacescore'));
const EXAMPLES = path.join(root, 'tests/examples');

for (const [what, file, how] of [
  ['the JS package', path.join(PKG, 'node/spacescore.js'), 'cargo xtask dist'],
  ['the CLI', CLI, 'cargo build -p spacescore-cli'],
]) {
  if (!fs.existsSync(file)) {
    throw new Error(`${what} is not at ${file}: build it with \`${how}\` (or set ${what === 'the CLI' ? 'SPACESCORE_CLI' : 'SPACESCORE_PKG'})`);
  }
}

const require = createRequire(import.meta.url);
/** The Node build, ready on require. */
const api = require(path.join(PKG, 'node/spacescore.js'));

/** The built-in rubrics, as the CLI lists them: nothing here lists them by hand. */
const IDS = (() => {
  const r = spawnSync(CLI, ['list'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => l.split('\t')[0]);
})();

// --- helpers ----------------------------------------------------------------------------

/** Runs the CLI and returns its parsed JSON output (or throws with its stderr). */
function cli(args, input) {
  const r = spawnSync(CLI, args, { input, encoding: 'utf8' });
  if (r.status !== 0) {
    const e = new Error(`spacescore ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    e.status = r.status;
    e.stderr = r.stderr;
    throw e;
  }
  return JSON.parse(r.stdout);
}

/** A decimal string in canonical form: no `+`, no trailing zeros, no `-0`. */
function canon(s) {
  let t = String(s).trim().replace(/^\+/, '');
  if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
  t = t.replace(/^(-?)0+(?=\d)/, '$1');
  return t === '-0' ? '0' : t;
}

const decEq = (got, want) => got !== null && got !== undefined && canon(got) === canon(want);

/** Every worked example: [{file, rubric, case}]. A rubric that is not built in
 * (`rubric_file`) is loaded into the API first, exactly as a user would with load(). */
function loadExamples() {
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.toml')).sort();
  assert.ok(files.length > 0, 'no worked examples found');
  return files.flatMap((file) => {
    const doc = parseToml(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
    if (doc.rubric_file) api.load(fs.readFileSync(path.join(root, doc.rubric_file), 'utf8'), doc.rubric_file);
    const rubricFile = doc.rubric_file ? path.join(root, doc.rubric_file) : null;
    return doc.cases.map((c) => ({ file, rubric: c.rubric ?? doc.rubric, case: c, rubricFile }));
  });
}

/** A case's inputs as given to score(): strings, booleans and arrays of strings only. */
function caseInputs(c) {
  const inputs = c.inputs ?? {};
  for (const [k, v] of Object.entries(inputs)) {
    const ok = typeof v === 'string' || typeof v === 'boolean'
      || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
    assert.ok(ok, `input ${k}: write figures as strings, not ${JSON.stringify(v)}`);
  }
  return inputs;
}

/** Every difference between a case's expectations and the report (tests/examples.rs). */
function differences(c, report) {
  const e = c.expect ?? {};
  const out = [];
  const check = (what, ok) => { if (!ok) out.push(what); };
  const capped = e.capped ?? [];
  for (const [id, want] of Object.entries(e.items ?? {})) {
    const item = report.items.find((i) => i.id === id);
    if (!item) { check(`item \`${id}\` does not exist`, false); continue; }
    const ok = want === 'none' ? item.score === null : decEq(item.score, want);
    check(`item \`${id}\`: expected ${want}, got ${item.score} (${item.explanation})`, ok);
    const cap = capped.includes(id);
    check(`item \`${id}\`: expected capped = ${cap}`, item.capped === cap);
  }
  for (const id of capped) {
    check(`capped item \`${id}\` is not listed in items`, Object.hasOwn(e.items ?? {}, id));
  }
  for (const name of ['base', 'bonus', 'total']) {
    const want = e[name];
    if (want === undefined) continue;
    const got = report[name];
    const ok = want === 'none' ? got === null : decEq(got, want);
    check(`${name}: expected ${want}, got ${got}`, ok);
  }
  if (e.grade !== undefined) {
    const got = report.grade ?? 'none';
    check(`grade: expected ${e.grade}, got ${got}`, got === e.grade);
  }
  if (e.grade_en !== undefined) {
    const got = report.grade_en ?? 'none';
    check(`grade_en: expected ${e.grade_en}, got ${got}`, got === e.grade_en);
  }
  for (const phrase of e.warning ?? []) {
    check(`no warning says “${phrase}”: ${JSON.stringify(report.warnings)}`,
      report.warnings.some((w) => w.message.includes(phrase)));
  }
  if (e.vetoed !== undefined) {
    check(`vetoed: expected ${e.vetoed}, got ${report.vetoed} ${JSON.stringify(report.veto_reasons)}`,
      report.vetoed === e.vetoed);
  }
  if (e.errors !== undefined) {
    const got = report.errors.map((x) => x.field).sort();
    const want = [...e.errors].sort();
    check(`errors: expected ${JSON.stringify(want)}, got ${JSON.stringify(report.errors)}`,
      JSON.stringify(got) === JSON.stringify(want));
  }
  for (const m of e.missing ?? []) {
    check(`\`${m}\` should be listed as missing`, report.missing.includes(m));
  }
  if (e.warnings !== undefined) {
    check(`expected ${e.warnings} warnings, got ${JSON.stringify(report.warnings)}`,
      report.warnings.length === e.warnings);
  }
  for (const [id, phrase] of Object.entries(e.explanation ?? {})) {
    const text = report.items.find((i) => i.id === id)?.explanation ?? '';
    check(`item \`${id}\` explanation lacks “${phrase}”: ${text}`, text.includes(phrase));
  }
  for (const [id, want] of Object.entries(e.figures ?? {})) {
    const all = [...report.figures, ...report.items.flatMap((i) => i.figures)];
    const got = all.find((f) => f.id === id)?.display;
    check(`figure \`${id}\`: expected ${want}, got ${got}`, got === want);
  }
  for (const [id, want] of Object.entries(e.groups ?? {})) {
    const got = report.groups.find((g) => g.id === id)?.score;
    check(`group \`${id}\`: expected ${want}, got ${got}`, decEq(got, want));
  }
  if (e.periods !== undefined) {
    const d = api.describe(report.rubric);
    const inputs = [...d.items.flatMap((i) => [...i.inputs, ...i.aids]), ...d.rows.map((r) => r.input)];
    for (const [id, want] of Object.entries(e.periods)) {
      const got = inputs.find((i) => i.field === id);
      const period = got === undefined ? undefined : (got.period ?? 'none');
      check(`field \`${id}\`: expected a period with “${want}”, got ${period}`,
        period !== undefined && (want === 'none' ? period === 'none' : period.includes(want)));
    }
  }
  return out;
}

// A minimal reader of the package's .d.ts, to check real results against the declared types.

/** The interfaces and type aliases declared in a .d.ts. */
function declaredTypes(text) {
  const interfaces = new Map();
  for (const m of text.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    const fields = new Map();
    for (const f of m[2].matchAll(/^\s+(?:readonly\s+)?(\w+)(\??): (.+);$/gm)) {
      fields.set(f[1], { type: f[3], optional: f[2] === '?' });
    }
    interfaces.set(m[1], fields);
  }
  const aliases = new Map();
  for (const m of text.matchAll(/export type (\w+) = (.+);/g)) aliases.set(m[1], m[2]);
  return { interfaces, aliases };
}

/** Problems with `value` against the declared type `type` (an empty list when it conforms). */
function conformance(value, type, types, at = '$') {
  type = type.trim();
  const alts = type.split(' | ');
  if (alts.length > 1) {
    const results = alts.map((t) => conformance(value, t, types, at));
    return results.some((r) => r.length === 0) ? [] : [`${at}: ${JSON.stringify(value)} is not ${type}`];
  }
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return [`${at}: expected an array (${type})`];
    return value.flatMap((v, i) => conformance(v, type.slice(0, -2), types, `${at}[${i}]`));
  }
  if (type === 'string' || type === 'boolean' || type === 'number') {
    return typeof value === type ? [] : [`${at}: ${JSON.stringify(value)} is not a ${type}`];
  }
  if (type === 'null') return value === null ? [] : [`${at}: not null`];
  if (/^".*"$/.test(type)) return value === JSON.parse(type) ? [] : [`${at}: ${value} is not ${type}`];
  if (type === 'Decimal') {
    // Exact decimal text as the core writes it: no exponent, no trailing zeros.
    return typeof value === 'string' && /^-?\d+(\.\d*[1-9])?$/.test(value) && value !== '-0'
      ? [] : [`${at}: ${JSON.stringify(value)} is not a decimal string`];
  }
  const record = /^Record<string, (.+)>$/.exec(type);
  if (record) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object (${type})`];
    return Object.entries(value).flatMap(([k, v]) => conformance(v, record[1], types, `${at}.${k}`));
  }
  if (types.aliases.has(type)) return conformance(value, types.aliases.get(type), types, at);
  const fields = types.interfaces.get(type);
  if (!fields) return [`${at}: the type ${type} is not declared`];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [`${at}: expected an object (${type})`];
  }
  const out = [];
  for (const k of Object.keys(value)) {
    if (!fields.has(k)) out.push(`${at}.${k}: not declared in ${type}`);
  }
  for (const [k, f] of fields) {
    if (!Object.hasOwn(value, k)) {
      if (!f.optional) out.push(`${at}.${k}: declared in ${type} but missing`);
    } else {
      out.push(...conformance(value[k], f.type, types, `${at}.${k}`));
    }
  }
  return out;
}

const EXAMPLE_CASES = loadExamples();

// --- rubrics() and describe() ------------------------------------------------------------

group('rubrics()', () => {
  test('lists every built-in rubric, in the order `spacescore list` gives, before loaded ones', () => {
    const list = api.rubrics();
    assert.ok(Array.isArray(list));
    assert.deepEqual(list.filter((r) => r.builtin).map((r) => r.id), IDS);
    assert.deepEqual(list.slice(0, IDS.length).map((r) => r.id), IDS);
  });

  test('each entry has exactly the summary fields, matching describe()', () => {
    for (const r of api.rubrics()) {
      assert.deepEqual(Object.keys(r).sort(), [
        'builtin', 'hash', 'id', 'method', 'name', 'name_en', 'region', 'region_en', 'space_type', 'space_type_en', 'version',
      ]);
      assert.match(r.hash, /^[0-9a-f]{64}$/);
      const d = api.describe(r.id);
      assert.equal(r.name, d.name);
      assert.equal(r.name_en, d.name_en);
      assert.equal(r.region, d.region);
      assert.equal(r.space_type, d.space_type);
      assert.equal(r.method, d.method);
      assert.equal(r.version, d.version);
      for (const k of ['name_en', 'region_en', 'space_type_en']) assert.ok(r[k].length > 0, `${r.id} ${k}`);
      assert.match(r.name, /[\u4e00-\u9fff]/, `${r.id}: the Chinese name`);
    }
    assert.equal(api.rubrics().find((r) => r.id === 'shanxi/annual-report').method, 'form');
    assert.equal(api.rubrics().find((r) => r.id === 'qinhuangdao/maker-space').method, 'weights');
  });

  test('returns fresh objects each call', () => {
    const a = api.rubrics();
    a[0].id = 'changed';
    assert.equal(api.rubrics()[0].id, IDS[0]);
  });
});

group('describe()', () => {
  test('base and bonus maxima', () => {
    // The documents' totals are asserted by hand in the worked-example files
    // (`tests/examples/*.toml`, `[totals]`, checked natively); here every rubric the CLI
    // lists gives the same maxima through the JS API.
    for (const id of IDS) {
      const d = api.describe(id);
      const native = cli(['describe', id]);
      assert.equal(d.id, id);
      assert.deepEqual([d.base_max, d.bonus_max], [native.base_max, native.bonus_max], id);
    }
    assert.equal(api.describe('shanxi/annual-report').method, 'form');
    assert.ok(api.describe('shanxi/annual-report').rows.length > 0, 'Shanxi is a form with rows');
  });

  test('Qinhuangdao groups weigh 25/30/35/10', () => {
    const d = api.describe('qinhuangdao/maker-space');
    assert.deepEqual(d.groups.map((g) => [g.id, g.max, g.bonus]), [
      ['service-foundation', '25', false],
      ['incubation-services', '30', false],
      ['service-performance', '35', false],
      ['social-contribution', '10', false],
    ]);
    assert.equal(d.grades.length, 4);
    assert.deepEqual(d.grades.map((g) => g.name), ['不合格', '合格', '良好', '优秀']);
  });

  test('group maxima add up to base and bonus; items to their group', () => {
    const sum = (xs) => xs.reduce((a, b) => a + Math.round(Number(b) * 100), 0);
    for (const id of IDS) {
      const d = api.describe(id);
      assert.equal(sum(d.groups.filter((g) => !g.bonus).map((g) => g.max)), sum([d.base_max]), id);
      assert.equal(sum(d.groups.filter((g) => g.bonus).map((g) => g.max)), sum([d.bonus_max]), id);
      for (const g of d.groups) {
        if (d.method === 'form') continue;
        assert.equal(sum(d.items.filter((i) => i.group === g.id).map((i) => i.max)), sum([g.max]), `${id} ${g.id}`);
      }
    }
  });

  test('is a plain JSON-compatible object, equal to `spacescore describe ID`', () => {
    for (const id of IDS) {
      const d = api.describe(id);
      assert.equal(Object.getPrototypeOf(d), Object.prototype);
      assert.deepEqual(JSON.parse(JSON.stringify(d)), d);
      assert.deepStrictEqual(d, cli(['describe', id]), id);
    }
  });

  test('an unknown id throws an Error naming it', () => {
    assert.throws(() => api.describe('nowhere/maker-space'), (e) => e instanceof Error && /nowhere\/maker-space/.test(e.message));
    assert.throws(() => api.describe(''), (e) => e instanceof Error && /no rubric/.test(e.message));
    assert.throws(() => api.describe('Inner-Mongolia/Maker-Space'), Error, 'ids are exact');
  });

  test('a non-string id throws an Error saying so', () => {
    for (const bad of [42, null, undefined, {}, ['inner-mongolia/maker-space']]) {
      assert.throws(() => api.describe(bad), (e) => e instanceof Error && /must be a string/.test(e.message), String(bad));
    }
  });
});

// --- score(): worked examples ---------------------------------------------------------------

group('score(): worked examples (tests/examples/*.toml)', () => {
  test('there are worked examples for every rubric', () => {
    const used = new Set(EXAMPLE_CASES.map((c) => c.rubric));
    for (const id of IDS) assert.ok(used.has(id), `${id} has worked examples`);
    assert.ok(EXAMPLE_CASES.length >= 100, `${EXAMPLE_CASES.length} cases`);
  });

  for (const { file, rubric, case: c } of EXAMPLE_CASES) {
    test(`${file} / ${c.name}`, () => {
      const report = api.score(rubric, caseInputs(c));
      assert.equal(report.rubric, rubric);
      assert.equal(report.complete, report.missing.length === 0 && report.errors.length === 0);
      const diffs = differences(c, report);
      assert.deepEqual(diffs, [], `[${c.clause}]\n${diffs.join('\n')}`);
    });
  }
});

// --- score(): same as the CLI ---------------------------------------------------------------

/** Inputs beyond the worked examples: JS numbers, odd values and bad input. */
const EXTRA_CASES = [
  ['xinxiang/comprehensive', { graduate_startups: 0, graduates_hired: 7 }],
  ['xinxiang/comprehensive', { incubation_fund: 180.5, events: 11, torch_annual_filed: true, torch_monthly_missed: 3 }],
  ['xinxiang/comprehensive', { incubation_fund: 0.1 + 0.2 }],
  ['xinxiang/comprehensive', { mentor_categories: ['financing', 1, null, true] }],
  ['xinxiang/comprehensive', { mentor_categories: '融资服务、企业管理', public_service_platform: 'yes', 'score.public-platform': 4.5 }],
  ['inner-mongolia/maker-space', { site_area: 12000, workstations: 40, mentors: 7, hardware_facilities: ['showroom', 'roadshow'] }],
  ['inner-mongolia/maker-space', { site_area: 1e21, workstations: -3, mentors: 2.5, events: 'many' }],
  ['inner-mongolia/maker-space', { site_area: true, mentors: ['7'], events: { n: 7 }, training_attendance: '1,20' }],
  ['inner-mongolia/maker-space', { site_area: null, workstations: '', not_a_field: 5, another: 'x' }],
  ['inner-mongolia/maker-space', { site_area: '１２，０００㎡', workstations: '４０', mentors: '7位' }],
  ['inner-mongolia/maker-space', {}],
  ['qinhuangdao/maker-space', { 'score.site-area': 3, 'score.events': 6.5, bad_credit: true }],
  ['shanxi/annual-report', { site_area: 1000, used_area_residents: 800, public_area: 300, net_profit: -12.5, income_total: 0 }],
  ['ningxia/national-maker-space', { 'score.atmosphere': 1.5, income_total: 120, income_total_prev: 100 }],
  ['ningxia/incubator', { 'score.site-area': '4', residents_with_ip: 3, resident_companies: 0 }],
  ['ningxia/maker-space', { 'score.management-rules': 5, site_area: '500平方米' }],
  ['xinxiang/professional', { same_industry_residents: 501, resident_teams: 400, resident_companies: 600 }],
  ['xinxiang/professional', { format: 'spacescore/1', rubric: 'xinxiang/professional', rubric_version: 'old', values: { incubation_fund: '180', events: 3 } }],
];

group('score(): same result as `spacescore score ID -`', () => {
  for (const { file, rubric, case: c, rubricFile } of EXAMPLE_CASES) {
    test(`${file} / ${c.name}`, () => {
      const inputs = caseInputs(c);
      const args = rubricFile ? ['score', '--rubric', rubricFile, rubric, '-'] : ['score', rubric, '-'];
      assert.deepStrictEqual(api.score(rubric, inputs), cli(args, JSON.stringify(inputs)));
    });
  }
  for (const [rubric, inputs] of EXTRA_CASES) {
    test(`${rubric} ${JSON.stringify(inputs)}`, () => {
      const js = api.score(rubric, inputs);
      assert.deepStrictEqual(js, cli(['score', rubric, '-'], JSON.stringify(inputs)));
      assert.equal(Object.getPrototypeOf(js), Object.prototype);
    });
  }

  test('the extra cases include bad input the core reports against its field', () => {
    const fields = EXTRA_CASES.flatMap(([r, i]) => api.score(r, i).errors.map((e) => e.field));
    for (const f of ['incubation_fund', 'mentor_categories', 'site_area', 'workstations', 'mentors', 'events',
      'training_attendance', 'score.events', 'score.atmosphere']) {
      assert.ok(fields.includes(f), `${f} should be reported: ${fields}`);
    }
  });
});

// --- advise(): same as the CLI, and every suggestion scores its gain -----------------------

/** A decimal string as a whole number of hundred-millionths (exact, no floating point). */
function units(d) {
  const [whole, frac = ''] = String(d).split('.');
  const sign = whole.startsWith('-') ? -1n : 1n;
  return BigInt(whole) * 100000000n + sign * BigInt((frac + '00000000').slice(0, 8));
}

/** The hand-worked advice cases of the built-in rubrics: [{file, rubric, case}]. */
function loadAdvice() {
  const dir = path.join(root, 'tests/advice');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.toml')).sort();
  assert.ok(files.length > 0, 'no hand-worked advice found');
  return files
    .map((file) => ({ file, doc: parseToml(fs.readFileSync(path.join(dir, file), 'utf8')) }))
    .filter(({ doc }) => IDS.includes(doc.rubric))
    .flatMap(({ file, doc }) => doc.cases.map((c) => ({ file, rubric: doc.rubric, case: c })));
}

group('advise(): same result as `spacescore advise ID -`', () => {
  for (const { file, rubric, case: c } of loadAdvice()) {
    test(`${file} / ${c.name}`, () => {
      const inputs = caseInputs(c);
      const advice = api.advise(rubric, inputs);
      assert.deepStrictEqual(advice, cli(['advise', rubric, '-'], JSON.stringify(inputs)));
      const before = api.score(rubric, inputs);
      for (const s of advice.suggestions) {
        const after = api.score(rubric, { ...inputs, [s.field]: s.value });
        const was = before.items.find((i) => i.id === s.item).score;
        const is = after.items.find((i) => i.id === s.item).score;
        assert.equal(units(is) - units(was), units(s.gain), s.explanation);
      }
    });
  }
  for (const [rubric, inputs] of EXTRA_CASES) {
    test(`${rubric} ${JSON.stringify(inputs)}`, () => {
      assert.deepStrictEqual(api.advise(rubric, inputs), cli(['advise', rubric, '-'], JSON.stringify(inputs)));
    });
  }
  test('a bad call throws, naming the id', () => {
    assert.throws(() => api.advise('atlantis/maker-space', {}), /atlantis/);
    assert.throws(() => api.advise('xinxiang/comprehensive', 7), /object/);
  });
});

// --- score(): how JS values are read ------------------------------------------------------

group('score(): reading JS values', () => {
  const xinxiang = 'xinxiang/comprehensive';
  const item = (report, id) => report.items.find((i) => i.id === id);

  test('a JS number is read exactly: 7 × 0.2 = "1.4"', () => {
    const r = api.score(xinxiang, { graduate_startups: 0, graduates_hired: 7 });
    assert.equal(item(r, 'graduates').score, '1.4');
    assert.equal(r.groups.find((g) => g.id === 'performance').score, '1.4');
    assert.deepEqual(r, api.score(xinxiang, { graduate_startups: '0', graduates_hired: '7' }));
  });

  test('numbers are their shortest decimal text, never rounded through a float', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in JS: 17 decimal places, which the core refuses.
    const r = api.score(xinxiang, { incubation_fund: 0.1 + 0.2 });
    assert.deepEqual(r.errors.map((e) => e.field), ['incubation_fund']);
    assert.match(r.errors[0].message_en, /decimal places/);
    // 49.99 and 50.01 straddle the “more than 50” line exactly.
    assert.equal(item(api.score(xinxiang, { incubation_fund: 49.99 }), 'incubation-fund').score, '0');
    assert.equal(item(api.score(xinxiang, { incubation_fund: 50 }), 'incubation-fund').score, '0');
    assert.equal(item(api.score(xinxiang, { incubation_fund: 50.01 }), 'incubation-fund').score, '5');
    assert.equal(item(api.score(xinxiang, { incubation_fund: 299.99 }), 'incubation-fund').score, '9');
    assert.equal(item(api.score(xinxiang, { incubation_fund: -0 }), 'incubation-fund').score, '0');
  });

  test('NaN and Infinity are field errors naming the text, as the CLI reports the text', () => {
    const r = api.score('inner-mongolia/maker-space', { site_area: NaN, workstations: Infinity, mentors: 1e21 });
    assert.deepEqual(r.errors.map((e) => e.field).sort(), ['mentors', 'site_area', 'workstations']);
    const msg = Object.fromEntries(r.errors.map((e) => [e.field, e.message_en]));
    assert.match(msg.site_area, /“NaN” is not one/);
    assert.match(msg.workstations, /“Infinity” is not one/);
    assert.match(msg.mentors, /implausibly large \(“1000000000000000000000”\)/);
    assert.equal(item(r, 'service-area').score, null);
    const text = cli(['score', 'inner-mongolia/maker-space', '-'], '{"site_area":"NaN","workstations":"Infinity"}');
    assert.deepEqual(text.errors.filter((e) => e.field !== 'mentors'), r.errors.filter((e) => e.field !== 'mentors'));
  });

  test('a number is its exact decimal: 1e-7 is 0.0000001, 1.8e2 is 180', () => {
    const r = api.score(xinxiang, { incubation_fund: 1.8e2, 'score.regional': 2.5e0 });
    assert.equal(item(r, 'incubation-fund').score, '7');
    assert.equal(item(r, 'regional').score, '2.5');
    const tiny = api.score(xinxiang, { incubation_fund: 1e-7 });
    assert.deepEqual(tiny.errors, []);
    assert.match(item(tiny, 'incubation-fund').explanation_en, /0\.0000001/);
    assert.deepEqual(tiny, cli(['score', xinxiang, '-'], '{"incubation_fund": 1e-7}'));
  });

  test('booleans are yes/no, arrays are checklist choices, strings are read as typed', () => {
    const yes = api.score(xinxiang, { torch_annual_filed: true, torch_monthly_missed: 0 });
    assert.deepEqual(yes, api.score(xinxiang, { torch_annual_filed: '是', torch_monthly_missed: '0' }));
    const list = api.score(xinxiang, { mentor_categories: ['financing', 'marketing'] });
    assert.deepEqual(list, api.score(xinxiang, { mentor_categories: '融资服务、市场营销' }));
    assert.equal(item(list, 'mentor-mechanism').score, '2');
  });

  test('null and undefined are not given', () => {
    const r = api.score('inner-mongolia/maker-space', { site_area: null, workstations: undefined });
    assert.deepEqual(r, api.score('inner-mongolia/maker-space', {}));
    assert.ok(r.missing.includes('site_area') && r.missing.includes('workstations'));
    assert.equal(r.complete, false);
    assert.deepEqual(r.ignored, []);
  });

  test('a value of the wrong shape is a field error, never a throw', () => {
    const r = api.score('inner-mongolia/maker-space', {
      site_area: { value: 500 }, workstations: true, mentors: ['7'], events: '场次', hardware_facilities: ['showroom', 'moon'],
    });
    assert.deepEqual(r.errors.map((e) => e.field).sort(),
      ['events', 'hardware_facilities', 'mentors', 'site_area', 'workstations']);
    assert.match(r.errors.find((e) => e.field === 'events').message_en, /“场次” is only a unit/);
    assert.match(r.errors.find((e) => e.field === 'site_area').message_en, /\{"value":500\}/);
    assert.match(r.errors.find((e) => e.field === 'hardware_facilities').message_en, /moon/);
  });

  test('a bigint is read as its digits; a Map works like an object', () => {
    const want = api.score('inner-mongolia/maker-space', { mentors: '7', site_area: '3,000' });
    assert.deepEqual(api.score('inner-mongolia/maker-space', { mentors: 7n, site_area: 3000 }), want);
    assert.deepEqual(api.score('inner-mongolia/maker-space', new Map([['mentors', 7], ['site_area', '3,000']])), want);
  });

  test('a saved or exported document is scored from its values, like the CLI', () => {
    const values = { incubation_fund: '180', events: 11 };
    const doc = { format: 'spacescore/1', rubric: xinxiang, rubric_version: '0', saved_at: '2025-01-01T00:00:00Z', values };
    // The same scores; saved work of another version says so (the plain figures need no note).
    const { notes, notes_en: notesEn, ...scored } = api.score(xinxiang, doc);
    const { notes: none, notes_en: noneEn, ...plain } = api.score(xinxiang, values);
    assert.deepEqual(scored, plain);
    assert.deepEqual([none, noneEn], [[], []]);
    assert.match(notes[0], /存档保存于评价表第 0 版/);
    assert.match(notesEn[0], /saved under version 0/);
    assert.deepEqual(api.score(xinxiang, doc), cli(['score', xinxiang, '-'], JSON.stringify(doc)));
    // Another format tag is refused, saying which formats are read, as the CLI refuses it.
    assert.throws(() => api.score(xinxiang, { format: 'spacescore/999', values }),
      (e) => e instanceof Error && /unknown saved-work format `spacescore\/999`; this version reads spacescore\/1/.test(e.message));
    const r = spawnSync(CLI, ['score', xinxiang, '-'], { input: JSON.stringify({ format: 'spacescore/999', values }), encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /this version reads spacescore\/1/);
    assert.throws(() => api.score(xinxiang, { format: 'spacescore/1', values: 'x' }),
      (e) => e instanceof Error && /values/.test(e.message));
    assert.throws(() => api.score(xinxiang, { format: 'spacescore/1' }),
      (e) => e instanceof Error && /values/.test(e.message));
  });

  test('only own properties are read: a polluted Object.prototype changes nothing', () => {
    const want = api.score(xinxiang, { incubation_fund: '180' });
    Object.prototype.format = 'spacescore/999';
    Object.prototype.values = { incubation_fund: '1000' };
    try {
      assert.deepEqual(api.score(xinxiang, { incubation_fund: '180' }), want);
      const inherited = Object.create({ format: 'spacescore/1', values: { incubation_fund: '1000' } });
      inherited.incubation_fund = '180';
      assert.deepEqual(api.score(xinxiang, inherited), want);
    } finally {
      delete Object.prototype.format;
      delete Object.prototype.values;
    }
  });

  test('a value JSON cannot hold is a TypeError naming its field; a non-plain object too', () => {
    class Figures { constructor() { this.incubation_fund = '180'; } }
    for (const bad of [new Set(['a']), new Date(0), /x/, Promise.resolve(1), new Uint8ClampedArray(2),
      new String('{}'), new Figures(), new WeakMap()]) {
      assert.throws(() => api.score(xinxiang, bad),
        (e) => e instanceof TypeError && /plain object/.test(e.message), String(bad));
      assert.throws(() => api.score(xinxiang, { events: bad }),
        (e) => e instanceof TypeError && /the value of `events` is a/.test(e.message), String(bad));
    }
    assert.throws(() => api.score(xinxiang, { events: () => 1 }), (e) => e instanceof TypeError && /a function/.test(e.message));
    assert.throws(() => api.score(xinxiang, { events: Symbol('x') }), (e) => e instanceof TypeError && /a symbol/.test(e.message));
    assert.throws(() => api.score(xinxiang, new Map([[1, 'x']])), (e) => e instanceof TypeError && /not text/.test(e.message));
    // Object.create(null) and JSON.parse give plain objects.
    const bare = Object.assign(Object.create(null), { incubation_fund: '180' });
    assert.equal(item(api.score(xinxiang, bare), 'incubation-fund').score, '7');
  });

  test('a lone surrogate is an Error naming its field, as the CLI says for \\ud800', () => {
    assert.throws(() => api.score(xinxiang, { events: '1\ud800' }),
      (e) => e instanceof Error && /the value of `events` holds a lone surrogate \\ud800/.test(e.message));
    const r = spawnSync(CLI, ['score', xinxiang, '-'], { input: '{"events":"1\\ud800"}', encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /the value of `events` holds a lone surrogate \\ud800/);
  });

  test('JSON text and bytes are read by the same reader as the CLI', () => {
    const text = '{"incubation_fund": "180", "events": 3}';
    const want = cli(['score', xinxiang, '-'], text);
    assert.deepEqual(api.score(xinxiang, text), want);
    assert.deepEqual(api.score(xinxiang, new TextEncoder().encode(text)), want);
    assert.deepEqual(api.score(xinxiang, new TextEncoder().encode(text).buffer), want);
    assert.throws(() => api.score(xinxiang, '{"events":"-5","events":"12"}'),
      (e) => e instanceof Error && /`events` is given twice/.test(e.message));
    assert.throws(() => api.score(xinxiang, new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])),
      (e) => e instanceof Error && /offset 6/.test(e.message));
  });

  test('an input over the size limit is a TypeError, refused before it reaches the wasm', () => {
    const huge = 'x'.repeat(400 * 1024 * 1024);
    for (const bad of [huge, { events: huge }, { [huge]: 1 }, new Uint8Array(300 * 1024)]) {
      assert.throws(() => api.score(xinxiang, bad), (e) => e instanceof TypeError && /too large/.test(e.message));
    }
    assert.throws(() => api.score(xinxiang, { mentor_categories: new Array(300 * 1024).fill('a') }),
      (e) => e instanceof TypeError && /too large/.test(e.message));
    // The module still works, and its memory did not grow by the size of the string.
    assert.equal(item(api.score(xinxiang, { incubation_fund: '180' }), 'incubation-fund').score, '7');
  });

  test('a long value is quoted short in its message, control characters escaped', () => {
    const r = api.score(xinxiang, { events: '9'.repeat(100000) + 'x', incubation_fund: '1\u0007\u202e' });
    for (const e of r.errors) {
      assert.ok(e.message_en.length < 200, e.message_en);
      assert.ok(!/[\u0000-\u001f\u202e]/.test(e.message_en), e.message_en);
    }
    assert.match(r.errors.find((e) => e.field === 'incubation_fund').message_en, /\\u\{7\}\\u\{202e\}/);
  });

  test('the inputs object is not changed', () => {
    const inputs = { incubation_fund: 180, mentor_categories: ['financing'] };
    const copy = structuredClone(inputs);
    api.score(xinxiang, inputs);
    assert.deepEqual(inputs, copy);
  });
});

group('score(): bad calls throw Errors', () => {
  test('an unknown rubric id throws an Error naming it, as the CLI refuses it', () => {
    assert.throws(() => api.score('nowhere/maker-space', {}),
      (e) => e instanceof Error && e.message.includes('`nowhere/maker-space`'));
    const r = spawnSync(CLI, ['score', 'nowhere/maker-space', '-'], { input: '{}', encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nowhere\/maker-space/);
  });

  test('inputs that are not an object throw an Error saying what was given', () => {
    const cases = [[null, /null/], [undefined, /undefined/], ['"a string"', /string/], [42, /number/],
      [true, /boolean/], [[], /array/], [['7'], /array/]];
    for (const [bad, what] of cases) {
      assert.throws(() => api.score('inner-mongolia/maker-space', bad),
        (e) => e instanceof Error && /object of field id/.test(e.message) && what.test(e.message), String(bad));
    }
    // The CLI refuses the same (a JSON array) with exit code 1.
    const r = spawnSync(CLI, ['score', 'inner-mongolia/maker-space', '-'], { input: '[]', encoding: 'utf8' });
    assert.equal(r.status, 1);
  });

  test('a non-string id throws', () => {
    assert.throws(() => api.score(7, {}), (e) => e instanceof Error && /must be a string/.test(e.message));
  });

  test('the module still works after errors', () => {
    for (let i = 0; i < 3; i++) {
      assert.throws(() => api.score('nope', {}));
      assert.throws(() => api.score('inner-mongolia/maker-space', null));
    }
    assert.equal(api.score('xinxiang/comprehensive', { graduates_hired: 7 }).items.find((i) => i.id === 'graduates').score, '1.4');
  });
});

group('the module survives its callers (hostile values, wrong argument types)', () => {
  const ok = () => {
    const r = api.score('xinxiang/comprehensive', { graduates_hired: 7 });
    assert.equal(r.items.find((i) => i.id === 'graduates').score, '1.4');
  };
  const throwsNaming = (f, pattern) => assert.throws(f, (e) => (e instanceof TypeError || e instanceof Error) && pattern.test(e.message));

  test('600 calls on a revoked Proxy each throw, and valid calls still work after them', () => {
    for (let i = 0; i < 600; i++) {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      throwsNaming(() => api.score('inner-mongolia/maker-space', proxy), /throws when|cannot be read|revoked/i);
      throwsNaming(() => api.score('inner-mongolia/maker-space', { mentors: proxy }), /mentors/);
    }
    ok();
  });

  test('600 calls whose ownKeys trap, getter or Map iteration throws: each an error, then valid calls work', () => {
    const keys = new Proxy({}, { ownKeys() { throw new Error('ownKeys says no'); } });
    const getter = { get mentors() { throw new Error('getter says no'); } };
    const map = new Map([['mentors', '3']]);
    const forEach = Map.prototype.forEach;
    try {
      Map.prototype.forEach = function () { throw new Error('forEach says no'); };
      for (let i = 0; i < 600; i++) {
        throwsNaming(() => api.score('inner-mongolia/maker-space', keys), /ownKeys says no/);
        throwsNaming(() => api.score('inner-mongolia/maker-space', getter), /getter says no/);
        throwsNaming(() => api.score('inner-mongolia/maker-space', { mentors: map }), /mentors|forEach says no/);
        throwsNaming(() => api.score('inner-mongolia/maker-space', map), /forEach says no/);
      }
    } finally {
      Map.prototype.forEach = forEach;
    }
    ok();
  });

  test('a file name that is not a string is a TypeError naming the argument, not a trap', () => {
    const text = fs.readFileSync(path.join(root, 'docs/examples/shili.toml'), 'utf8');
    for (const name of [5, {}, [1], true, Symbol('x')]) {
      assert.throws(() => api.load(text, name), (e) => e instanceof TypeError && /file name/.test(e.message));
      assert.throws(() => api.checkRubric(text, name), (e) => e instanceof TypeError && /file name/.test(e.message));
    }
    for (const id of [5, {}, null, Symbol('x'), 10n]) {
      assert.throws(() => api.score(id, {}), (e) => e instanceof Error && /must be a string/.test(e.message));
      assert.throws(() => api.describe(id), (e) => e instanceof Error && /must be a string/.test(e.message));
    }
    ok();
  });

  test('a hole in a checklist array is read as JSON.stringify reads it, whatever Array.prototype holds', () => {
    const id = 'inner-mongolia/maker-space';
    const field = api.describe(id).items.flatMap((i) => i.inputs).find((f) => f.kind === 'checklist');
    assert.ok(field, 'a checklist field');
    const option = field.options[0].id;
    const sparse = [];
    sparse[1] = option;
    const plain = api.score(id, JSON.parse(JSON.stringify({ [field.field]: sparse })));
    Array.prototype[0] = field.options[1].id; // eslint-disable-line no-extend-native
    try {
      const polluted = api.score(id, { [field.field]: sparse });
      assert.deepStrictEqual(polluted.errors, plain.errors);
      assert.deepStrictEqual(polluted.items, plain.items);
    } finally {
      delete Array.prototype[0];
    }
  });

  test('rubrics() does not call a file loaded over a built-in id built in', () => {
    // In a process of its own: loading over a built-in id changes that instance for good.
    const script = `
      const api = require(${JSON.stringify(path.join(PKG, 'node/spacescore.js'))});
      const fs = require('node:fs');
      const flag = (id) => api.rubrics().find((r) => r.id === id).builtin;
      const before = flag('inner-mongolia/maker-space');
      api.load(fs.readFileSync(${JSON.stringify(path.join(root, 'rubrics/inner-mongolia.toml'))}, 'utf8'), 'stranger.toml');
      console.log(JSON.stringify([before, flag('inner-mongolia/maker-space'), flag('xinxiang/professional')]));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [true, false, true]);
  });

  test('the ES module used before init() says so, in Chinese and English', async () => {
    const esm = await import(`${pathToFileURL(path.join(PKG, 'spacescore.js')).href}?early`);
    for (const f of ['rubrics', 'describe', 'score', 'advise', 'load', 'checkRubric']) {
      assert.throws(() => esm[f]('inner-mongolia/maker-space', {}), (e) => /init\(\)/.test(e.message) && /请先调用/.test(e.message) && e.message.includes(f));
    }
  });
});

// --- the package ------------------------------------------------------------------------------

group('load(): any rubric file, scored like a built-in', () => {
  const xinxiang = fs.readFileSync(path.join(root, 'rubrics/xinxiang.toml'), 'utf8');
  const copy = xinxiang.replaceAll('xinxiang/', 'copy-of-xinxiang/');
  const sameScores = (id, copyId) => {
    for (const { rubric, case: c } of EXAMPLE_CASES.filter((e) => e.rubric === id)) {
      const a = api.score(rubric, caseInputs(c));
      const b = api.score(copyId, caseInputs(c));
      assert.equal(b.total, a.total, c.name);
      assert.deepEqual(b.items.map((i) => [i.id, i.score, i.explanation]), a.items.map((i) => [i.id, i.score, i.explanation]), c.name);
      assert.deepEqual(b.errors, a.errors, c.name);
    }
  };

  test('a rubric file\'s text: its ids, then describe() and score() as for the original', () => {
    const ids = api.load(copy, 'copy.toml');
    assert.deepEqual(ids, ['copy-of-xinxiang/comprehensive', 'copy-of-xinxiang/professional']);
    sameScores('xinxiang/professional', 'copy-of-xinxiang/professional');
    sameScores('xinxiang/comprehensive', 'copy-of-xinxiang/comprehensive');
    const listed = api.rubrics().find((r) => r.id === 'copy-of-xinxiang/professional');
    assert.equal(listed.builtin, false);
    assert.deepEqual(cli(['describe', '--rubric', writeTemp('copy.toml', copy), 'copy-of-xinxiang/professional']), api.describe('copy-of-xinxiang/professional'));
  });

  test('a compiled rubric (spacescore compile) loads as one id', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spacescore-compiled-'));
    const r = spawnSync(CLI, ['compile', writeTemp('copy2.toml', copy.replaceAll('copy-of-xinxiang/', 'compiled-xinxiang/')), '-o', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const bytes = fs.readFileSync(path.join(dir, 'compiled-xinxiang/professional.bin'));
    assert.equal(api.load(new Uint8Array(bytes), 'professional.bin'), 'compiled-xinxiang/professional');
    sameScores('xinxiang/professional', 'compiled-xinxiang/professional');
    // One changed byte no longer matches the content hash.
    const damaged = new Uint8Array(bytes);
    damaged[damaged.length - 1] ^= 1;
    assert.throws(() => api.load(damaged, 'damaged.bin'), (e) => Array.isArray(e.problems) && e.problems.length === 1);
  });

  test('a file with problems throws every one, with file, line and place, in both languages', () => {
    const broken = fs.readFileSync(path.join(root, 'rubrics/inner-mongolia.toml'), 'utf8')
      .replace('input = "mentors"\nevery = "2"', 'input = "mentors"\nevery = "2"\nmax = "7.25"')
      .replace('id = "workstations"', 'id = "service-area"');
    const line = broken.split('\n').findIndex((l) => l === 'max = "7.25"') + 1;
    assert.throws(() => api.load(broken, 'broken.toml'), (e) => {
      assert.ok(e instanceof Error);
      assert.ok(e.problems.length >= 2, JSON.stringify(e.problems));
      const misplaced = e.problems.find((p) => p.place === 'item mentor-count, term 1, key max');
      assert.ok(misplaced, JSON.stringify(e.problems));
      assert.equal(misplaced.file, 'broken.toml');
      assert.equal(misplaced.line, line);
      assert.match(misplaced.message, /`max` does not belong to a `per` term/);
      assert.match(misplaced.text_zh, /指标 mentor-count，第 1 条规则，键 max/);
      assert.match(e.message, /broken\.toml:\d+ item mentor-count, term 1, key max/);
      return true;
    });
    assert.throws(() => api.describe('nope/nope'), Error);
  });

  test('what is not text or bytes is a TypeError; a source over 1 MiB is refused before the wasm', () => {
    for (const bad of [42, null, undefined, {}, [1, 2], new Date()]) {
      assert.throws(() => api.load(bad), TypeError, String(bad));
    }
    assert.throws(() => api.load('#'.repeat(2 << 20)), (e) => e instanceof TypeError && /too large/.test(e.message));
    assert.throws(() => api.load(new Uint8Array(2 << 20)), (e) => e instanceof TypeError && /too large/.test(e.message));
  });

  test('checkRubric() says what is wrong without throwing, and compiles what is right', () => {
    const bad = api.checkRubric('[[items]\n', 'x.toml');
    assert.equal(bad.ok, false);
    assert.match(bad.problems[0].text, /x\.toml:1: this is not valid TOML/);
    const good = api.checkRubric(copy, 'copy.toml');
    assert.equal(good.ok, true);
    assert.equal(good.rubrics.length, 2);
    assert.ok(good.rubrics[0].bytes instanceof Uint8Array);
    assert.match(good.rubrics[0].hash, /^[0-9a-f]{64}$/);
  });
});

/** Writes `text` to a new temporary file; its path. */
function writeTemp(name, text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spacescore-jsapi-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

group('the package (dist/pkg)', () => {
  const wasm = path.join(PKG, 'spacescore_bg.wasm');
  const sample = ['xinxiang/comprehensive', { graduate_startups: 2, graduates_hired: 7, incubation_fund: '1,200', events: 'x' }];

  test('the ES module build loads in Node with initSync and agrees with the Node build', async () => {
    const esm = await import(`${pathToFileURL(path.join(PKG, 'spacescore.js')).href}?sync`);
    assert.equal(typeof esm.default, 'function', 'init is the default export');
    esm.initSync({ module: fs.readFileSync(wasm) });
    assert.deepStrictEqual(esm.score(...sample), api.score(...sample));
    assert.deepStrictEqual(esm.rubrics(), api.rubrics().filter((r) => r.builtin), 'a fresh instance has the built-in rubrics only');
    assert.deepStrictEqual(esm.describe('ningxia/incubator'), api.describe('ningxia/incubator'));
    assert.throws(() => esm.describe('nope'), (e) => e instanceof Error && /nope/.test(e.message));
  });

  test('the ES module build also initialises with the async init()', async () => {
    const esm = await import(`${pathToFileURL(path.join(PKG, 'spacescore.js')).href}?async`);
    await esm.default({ module_or_path: fs.promises.readFile(wasm) });
    assert.deepStrictEqual(esm.score(...sample), api.score(...sample));
  });

  test('package.json: name, workspace version, entry points', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
    const cargo = parseToml(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8'));
    assert.equal(pkg.name, 'spacescore');
    assert.equal(pkg.version, cargo.workspace.package.version);
    const dot = pkg.exports['.'];
    assert.deepEqual(Object.keys(dot), ['node', 'import', 'default']);
    assert.equal(dot.node.default, './node/spacescore.js');
    assert.equal(dot.node.types, './node/spacescore.d.ts');
    assert.equal(dot.import.default, './spacescore.js');
    assert.equal(dot.import.types, './spacescore.d.ts');
    assert.equal(dot.default.default, './spacescore.js');
    assert.deepEqual(pkg.exports['./web'], { types: './spacescore.d.ts', default: './spacescore.js' });
    for (const f of [pkg.main, pkg.module, pkg.types, ...Object.values(dot).flatMap((c) => Object.values(c)), ...pkg.files]) {
      assert.ok(fs.existsSync(path.join(PKG, f)), `${f} is in the package`);
    }
    // The root is ESM (spacescore.js); node/ is CommonJS (node/spacescore.js).
    assert.equal(pkg.type, 'module');
    assert.equal(JSON.parse(fs.readFileSync(path.join(PKG, 'node/package.json'), 'utf8')).type, 'commonjs');
  });

  test('installed as a dependency: require() and import in Node, without warnings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spacescore-consumer-'));
    try {
      fs.mkdirSync(path.join(dir, 'node_modules'));
      fs.symlinkSync(PKG, path.join(dir, 'node_modules', 'spacescore'), 'dir');
      const want = api.score(...sample).total;
      const args = JSON.stringify(sample);
      const runs = [
        ['-e', `const s = require('spacescore'); console.log(s.score(...${args}).total)`],
        ['--input-type=module', '-e', `import { score } from 'spacescore'; console.log(score(...${args}).total)`],
        ['--input-type=module', '-e',
          `import init, { score } from 'spacescore/web';`
          + `import { readFileSync } from 'node:fs'; import { createRequire } from 'node:module';`
          + `const wasm = readFileSync(createRequire(import.meta.url).resolve('spacescore/spacescore_bg.wasm'));`
          + `await init({ module_or_path: wasm }); console.log(score(...${args}).total)`],
      ];
      for (const argv of runs) {
        const r = spawnSync(process.execPath, argv, { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout.trim(), want);
        assert.equal(r.stderr, '', 'no warnings');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the README example prints what the README says', () => {
    const readme = fs.readFileSync(path.join(PKG, 'README.md'), 'utf8');
    const m = readme.match(/## Example\n+```js\n([\s\S]*?)```\n+prints\n+```text\n([\s\S]*?)```/);
    assert.ok(m, 'README.md has an Example section with a js block and its output');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spacescore-readme-'));
    try {
      fs.mkdirSync(path.join(dir, 'node_modules'));
      fs.symlinkSync(PKG, path.join(dir, 'node_modules', 'spacescore'), 'dir');
      fs.writeFileSync(path.join(dir, 'example.cjs'), m[1]);
      const r = spawnSync(process.execPath, ['example.cjs'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, m[2]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the .d.ts files are the package\'s own, not wasm-bindgen\'s', () => {
    const esmTypes = fs.readFileSync(path.join(PKG, 'spacescore.d.ts'), 'utf8');
    const nodeTypes = fs.readFileSync(path.join(PKG, 'node/spacescore.d.ts'), 'utf8');
    for (const t of [esmTypes, nodeTypes]) assert.doesNotMatch(t, /:\s*any\b/);
    assert.match(nodeTypes, /export function score\(\s*id: string,\s*inputs: [^)]*\): Report;/);
    assert.match(nodeTypes, /export function describe\(id: string\): Description;/);
    assert.match(nodeTypes, /export function rubrics\(\): RubricSummary\[\];/);
    assert.doesNotMatch(nodeTypes, /initSync|export default/, 'the Node build has no init');
    assert.match(esmTypes, /export \* from "\.\/node\/spacescore\.js";/);
    assert.match(esmTypes, /export default function init\(/);
    assert.match(esmTypes, /export function initSync\(/);
  });

  test('results conform to the declared types exactly (fields, nullability, decimal strings)', () => {
    const types = declaredTypes(fs.readFileSync(path.join(PKG, 'node/spacescore.d.ts'), 'utf8'));
    for (const name of ['Report', 'ItemScore', 'GroupScore', 'FieldError', 'Warning', 'FigureValue', 'Description', 'RubricSummary']) {
      assert.ok(types.interfaces.has(name), `${name} is declared`);
    }
    const problems = [];
    problems.push(...conformance(api.rubrics(), 'RubricSummary[]', types, 'rubrics()'));
    for (const id of IDS) problems.push(...conformance(api.describe(id), 'Description', types, `describe(${id})`));
    const reports = [
      ...EXAMPLE_CASES.map(({ rubric, case: c }) => [rubric, caseInputs(c)]),
      ...EXTRA_CASES,
    ];
    for (const [rubric, inputs] of reports) {
      problems.push(...conformance(api.score(rubric, inputs), 'Report', types, `score(${rubric})`));
    }
    assert.deepEqual([...new Set(problems)].slice(0, 20), []);
  });
});
