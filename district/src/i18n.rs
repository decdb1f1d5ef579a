//! The district page's own labels and messages in Chinese and English. What the file reader
//! says about a file is `spacescore batch`'s own message, in both languages
//! (`spacescore_sheets::messages`); rubric content and field errors come bilingual from the
//! core.

pub use spacescore_ui::i18n::{colon, paren, pick, L};

macro_rules! labels {
    ($($name:ident = $zh:literal, $en:literal;)*) => {
        $(#[allow(missing_docs)] pub const $name: L = L { zh: $zh, en: $en };)*
    };
}

labels! {
    TITLE = "全区批量评分", "District scoring";
    TAGLINE = "一次为全区所有空间评分：选择评价表，拖入 CSV 或 Excel 文件。文件只在本机浏览器中读取，不会上传。", "Score every space of a district at once: pick the rubric, drop a CSV or Excel file. The file is read in this browser and never uploaded.";
    SELF_CHECK = "单个空间自评", "Self-check for one space";
    LANG_TOGGLE = "English", "中文";
    RUBRIC = "评价表", "Rubric";
    LOADING_RUBRIC = "正在加载评价表……", "Loading the rubric…";
    LOADING = "正在加载……", "Loading…";
    FILE = "文件", "File";
    DROP = "把 CSV 或 Excel（.xlsx）文件拖到这里（可一次拖入多份申报文件，含自评页面导出的 JSON），或", "Drop a CSV or Excel (.xlsx) file here (or many filings at once, the self-check page's JSON exports among them), or";
    CHOOSE_FILE = "选择文件", "choose files";
    LIST_SEPARATOR = "、", ", ";
    DROP_HELP = "第一行为字段名（可用“模板”生成）；每行一个空间。CSV 可为 UTF-8、GB18030 或 UTF-16，以逗号、分号、制表符或全角逗号分隔。", "The first row names the fields (“Template” writes it); one space per row. A CSV may be UTF-8, GB18030 or UTF-16, separated by commas, semicolons, tabs or full-width commas.";
    TEMPLATE = "模板", "Template";
    SHEET = "工作表", "Sheet";
    ALLOW_UNKNOWN = "复制非字段列", "Copy columns that are not fields";
    ALLOW_UNKNOWN_HELP = "勾选后，不是评价表字段的列原样复制到结果中，而不是拒绝整个文件。", "Ticked, columns that are not fields of the rubric are copied into the results unchanged instead of refusing the file.";
    REFUSED = "此文件未评分", "This file was not scored";
    REFUSED_HELP = "以下是命令行 spacescore batch 对同一文件给出的说明：", "What `spacescore batch` says of the same file:";
    NOTES = "说明", "Notes";
    RESULTS = "评分结果", "Results";
    DOWNLOAD_XLSX = "下载结果（Excel）", "Download results (Excel)";
    DOWNLOAD_CSV = "下载结果（CSV）", "Download results (CSV)";
    ROW = "行", "Row";
    NAME = "名称", "Name";
    TOTAL = "总分", "Total";
    BASE = "基础分", "Base";
    BONUS = "加分", "Bonus";
    GRADE = "等级", "Grade";
    VETO = "一票否决", "Veto";
    ERRORS = "错误", "Errors";
    WARNINGS = "提示", "Warnings";
    MISSING = "未填", "Missing";
    VETOED = "否决", "vetoed";
    NOT_SCORED = "未评分", "Not scored";
    OPEN = "查看", "Open";
    BACK = "返回列表", "Back to the table";
    SPACE_ROW = "文件第 {} 行", "Row {} of the file";
    READ_ONLY = "以下为文件中的数据，只读；如需修改，请修改文件后重新拖入。", "The figures as the file gives them, read-only: to change one, change the file and drop it again.";
    NO_RUBRIC = "请先选择评价表。", "Pick a rubric first.";
    NO_NAME = "（无名称）", "(no name)";
    SORT_BY = "排序：", "Sort by ";
    PAGE_NAV = "页面", "Page";
    DOWNLOADS = "下载", "Downloads";
    CHARTS = "全区概况", "The district at a glance";
    CHART_TOTALS = "总分分布", "How the totals spread";
    CHART_GRADES = "各等级空间数", "Spaces per grade";
    CHART_GROUPS = "各分组平均分（及最低、最高）", "Each group's average (and lowest, highest)";
    CHART_LOST = "失分最多的指标（平均每个空间失分）", "Items losing the most points (average per space)";
    CHART_DATA = "数据", "The figures";
    SPACES = "空间数", "Spaces";
    FROM_TO = "总分区间", "Total";
    AVERAGE = "平均", "Average";
    LOWEST = "最低", "Lowest";
    HIGHEST = "最高", "Highest";
    GROUP = "分组", "Group";
    ITEM = "指标", "Item";
    LOST = "平均失分", "Average lost";
    LOSING = "失分的空间数", "Spaces below the maximum";
    SCORING = "正在评分", "Scoring";
    CANCEL = "取消", "Cancel";
    FILES_REFUSED = "以下文件未评分，其余文件已评分：", "These files were not scored; the others were:";
    FILE_COLUMN = "文件", "File";
}

spacescore_core::messages! {
    TOO_MANY_ROWS = "第 {} 行：此文件要评分的行数超过 {} 行，超出本页能容纳的数量；未显示任何结果。请用可读取任意行数的 `spacescore batch` 评分。", "row {}: the file has more than {} rows to score, more than this page holds; nothing is shown. Score it with `spacescore batch`, which reads any number of rows.";
    READ_SUMMARY = "{}（{}）：{}", "{} ({}): {}";
    NOTE = "注意：{}", "note: {}";
    ROW_NOT_SCORED = "第 {} 行：{}；未评分", "row {}: {}; not scored";
    CHART_SUMMARY = "评分 {} 个空间：平均 {} 分，最低 {} 分，最高 {} 分；一票否决 {} 个。", "{} spaces scored: average {}, lowest {}, highest {}; {} vetoed.";
    REFUSED_FILE = "{}：{}", "{}: {}";
    PROGRESS_ROWS = "已读取 {} 行，共 {} 行", "{} of {} rows read";
    PROGRESS_FILES = "（第 {} 个文件，共 {} 个）", " (file {} of {})";
    CANNOT_READ_FILE = "无法读取文件“{}”：{}", "The file “{}” cannot be read: {}";
}
