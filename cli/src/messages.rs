//! Every message of the `spacescore` command, each written once in Chinese and English
//! ([`spacescore_core::messages!`]); a test checks that each has both, with the same places.
//! The command speaks the language of `--lang`, else of the locale ([`crate::lang_of`]).

spacescore_core::messages! {
    UNKNOWN_RUBRIC = "没有 id 为 `{}` 的评价表；`spacescore list` 可列出全部评价表", "no rubric has the id `{}`; `spacescore list` shows them";
    CANNOT_WRITE = "无法写出结果：{}", "cannot write the output: {}";
    ERROR_PREFIX = "spacescore 出错：{}", "spacescore: {}";
    NOTE = "注意：{}", "note: {}";
    NEEDS_BATCH_FILE = "batch 需要一个 CSV 或 .xlsx 文件", "batch needs a CSV or .xlsx file";
    TEMPLATE_XLSX_NEEDS_OUT = "template --xlsx 写出的是工作簿：请用 -o 文件.xlsx 指定", "template --xlsx writes a workbook: give -o FILE.xlsx";
    FILING_NEEDS_OUT = "score {} 写出的是文件：请用 -o 文件{} 指定", "score {} writes a file: give -o FILE{}";
    CANNOT_READ_FILE = "无法读取 {}：{}", "cannot read {}: {}";
    FILE_COLON = "{}：{}", "{}: {}";
    CANNOT_READ_STDIN = "无法读取标准输入：{}", "cannot read standard input: {}";
    NOT_UTF8_ARG = "spacescore：第 {} 个参数（{}）不是有效的 UTF-8；请重命名文件或使用 UTF-8 区域设置", "spacescore: argument {} ({}) is not valid UTF-8; rename the file or use a UTF-8 locale";
    CANNOT_WRITE_TO = "无法写入 {}：{}；没有写入任何内容", "cannot write to {}: {}; nothing was written";
    LINK_TO_NOTHING = "它是指向 {} 的链接，而该文件不存在", "it is a link to {}, which does not exist";
    IS_FOLDER = "它是文件夹；请给出文件名", "it is a folder; give the name of a file";
    NAMES_NO_FILE = "它没有指明文件", "it names no file";
    IS_INPUT = "它是{} {}", "it is {} {}";
    ROLE_INPUT = "输入文件", "the input file";
    ROLE_RUBRIC = "评价表文件", "the rubric file";
    ROLE_TABLE = "表格", "the table";
    ROW_NOT_SCORED = "第 {} 行：{}；未评分", "row {}: {}; not scored";
    MORE_NOT_SCORED = "…… 另有 {} 行未评分；`problem` 列说明原因", "… and {} more row(s) not scored; the `problem` column says why";
    PROGRESS = "{spinner} 已读取 {pos} 行（{per_sec}，{elapsed}）", "{spinner} {pos} rows read ({per_sec}, {elapsed})";
    SUMMARY_LINE = "{}（{}）：{}", "{} ({}): {}";
    RUBRIC_PROBLEMS = "评价表文件有问题（见上）", "the rubric files have problems (listed above)";
    NOTHING_WRITTEN = "{}\n没有写入任何内容", "{}\nnothing was written";
    FILE_PROBLEMS = "{}\n{} 有 {} 个问题；`spacescore check {}` 会列出它们", "{}\n{} problem(s) in {}; `spacescore check {}` lists them";
    ID_NEEDED = "需要评价表 id；`spacescore list` 可列出全部评价表", "a rubric id is needed; `spacescore list` shows them";
    SEVERAL_RUBRICS = "--rubric 文件定义了多个评价表；请指明其中之一：{}", "the --rubric files define several rubrics; name one of: {}";
    NOT_A_RUBRIC = "`{}` 既不是 --rubric 文件中的评价表（{}），也不是内置评价表（`spacescore list` 可列出），也不是文件", "`{}` is not a rubric of the --rubric file(s) ({}), nor a built-in rubric (`spacescore list` shows them), nor a file";
    NOT_A_SITE = "{} 不是网站的副本（其中没有 index.html）；请用 `cargo xtask dist` 生成，再复制 dist/", "{} is not a copy of the site (it has no index.html); build one with `cargo xtask dist` and copy dist/";
    SITE_FILE_BAD = "{}：{}；没有写入任何内容（请删除或替换该文件）", "{}: {}; nothing was written (remove or replace that file)";
    SITE_FILE_MISPLACED = "其中是评价表 {}，它应在 {}", "it holds the rubric {}, which belongs at {}";
    DRAFT_EXISTS = "{} 已存在：草稿不会覆盖已有的文件，请换一个文件名或先移走它；没有写入任何内容", "{} exists: a draft never writes over a file; give another name or move it away; nothing was written";
    DRAFT_TOO_BIG = "文件超过 {} MiB，不是评价表", "the file is over {} MiB: not a rubric table";
    SHEET_FOR_XLSX = "--sheet 只用于 .xlsx 文件", "--sheet is for an .xlsx file";
    TABLE_FOR_DOCX = "--table 只用于 .docx 文件", "--table is for a .docx file";
    TABLES_COUNT = "{} 只有 {} 个表格；--table 从 1 数起", "{} has {} table(s); --table counts from 1";
    UNEXPECTED_ARGS = "错误：多余的参数 {}\n\n{}\n\n详见 'spacescore {} --help'。", "error: unexpected argument(s) {} found\n\n{}\n\nFor more information, try 'spacescore {} --help'.";
}
