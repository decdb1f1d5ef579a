//! The studio's own labels in Chinese and English. The checker's messages, the drafter's
//! readings and the comparison's lines come bilingual from the core and the drafter.

pub use spacescore_ui::i18n::{colon, paren, pick, L};

macro_rules! labels {
    ($($name:ident = $zh:literal, $en:literal;)*) => {
        $(#[allow(missing_docs)] pub const $name: L = L { zh: $zh, en: $en };)*
    };
}

labels! {
    TITLE = "评价表工作室", "Rubric studio";
    TAGLINE = "把今年的评价表从文件的表格变成经过检查、可以发布的评分表，不必手写 TOML。一切都在本机浏览器中进行，不会上传。", "Turn this year's rubric table into a checked form, ready to publish, without writing TOML. Everything happens in this browser; nothing is uploaded.";
    SELF_CHECK = "单个空间自评", "Self-check for one space";
    LANG_TOGGLE = "English", "中文";
    PAGE_NAV = "页面", "Page";
    START = "开始", "Start";
    PASTE = "粘贴表格", "Paste the table";
    PASTE_HELP = "在 Word、WPS 或 Excel 中选中整张评价表（含表头）复制，在此粘贴；或把制表符分隔的文字粘贴后点“起草”。", "Select the whole rubric table (with its header) in Word, WPS or Excel, copy it and paste it here; or paste tab-separated text and press “Draft”.";
    DRAFT = "起草", "Draft";
    OPEN_FILE = "打开文件", "Open a file";
    OPEN_FILE_HELP = "Word（.docx）或 Excel（.xlsx）中的表格、CSV，或评价表文件（.toml、.bin，用于修订）。", "A table in Word (.docx) or Excel (.xlsx), a CSV, or a rubric file (.toml, .bin) to revise.";
    BUILTIN = "修订网站上的评价表", "Revise one of the site's rubrics";
    OPEN = "打开", "Open";
    EMPTY = "从空白开始", "Start from nothing";
    LOADING = "正在加载……", "Loading…";
    KEPT_ASIDE = "原来的文档已另存在本机浏览器中。", "The document you had was kept aside in this browser.";
    UNREADABLE = "保存的文档无法读取，已原样另存在本机浏览器中。", "The saved document could not be read; it was kept aside in this browser as it was.";
    RESTORE = "恢复", "Restore";
    DISMISS = "关闭", "Dismiss";
    UNDO = "撤销", "Undo";
    REDO = "重做", "Redo";
    EDITOR = "编辑", "Edit";
    CHECKER = "检查结果", "Checker";
    CHECK_OK = "文件通过检查。", "The file passes the checker.";
    CHECK_PROBLEMS = "个问题需要修改", "problem(s) to fix";
    DRAFT_NOTES = "起草说明", "About the draft";
    COLUMNS = "各列", "Columns";
    FLAGGED = "待核对", "Needs review";
    FLAGGED_COUNT = "个指标待核对", "item(s) to review";
    REVIEWED = "已核对", "Reviewed";
    READ_AS = "识别结果", "What was read";
    DOCUMENT = "文件信息", "The document";
    RUBRICS = "评价表", "Rubric";
    GROUPS = "分组（一级指标）", "Groups";
    ITEMS = "指标", "Items";
    TERMS = "计分规则", "Rules";
    TERM = "规则", "Rule";
    ADD_TERM = "添加规则", "Add a rule";
    KIND = "规则类型", "Kind of rule";
    OTHER = "其他部分", "Other parts";
    ADD = "添加", "Add";
    REMOVE = "删除", "Remove";
    ADD_KEY = "添加键", "Add a key";
    ADD_SECTION = "添加部分", "Add a part";
    KEY_NAME = "键名", "Key";
    NOT_SET = "（未填写）", "(not set)";
    PREVIEW = "申报表预览", "The applicant's form";
    PREVIEW_HELP = "与自评页面完全相同的表单，按当前文件实时评分；可在此试填数字。", "The form exactly as the self-check page draws it, scored by the file as it is now; type figures to try it.";
    PREVIEW_NONE = "文件有问题，修改后即显示预览。", "The file has problems; the preview appears once they are fixed.";
    WHICH_RUBRIC = "预览的评价表", "Rubric previewed";
    BENCH = "工作示例", "Worked examples";
    BENCH_HELP = "按文件手工算出的数字与应得分：每次修改后重新评分，保存在文件中（[[cases]]）。", "Figures and the scores the document gives them, worked out by hand: scored again on every change, and saved in the file ([[cases]]).";
    ADD_CASE = "用预览中的数字添加示例", "Add an example with the preview's figures";
    PASS = "通过", "Passes";
    FAIL = "不通过", "Fails";
    NOT_RUN = "未评分（文件有问题）", "Not scored (the file has problems)";
    COMPARE = "修订对比", "What changed";
    COMPARE_HELP = "与打开的评价表（或选定对比的评价表）相比的变化；可复制为文字。", "What changed from the rubric opened (or the one chosen to compare with); copy it as text.";
    NO_CHANGE = "没有变化。", "No change.";
    COMPARE_WITH = "与网站上的评价表对比", "Compare with one of the site's rubrics";
    COMPARE_FILE = "与评价表文件对比", "Compare with a rubric file";
    COPY = "复制", "Copy";
    BUMP = "版本号加一", "Next version";
    EXPORT = "导出", "Export";
    EXPORT_HELP = "评价表文件（TOML）、编译后的评价表（.bin），以及发布包（.zip：spacescore publish 写出的文件、说明和嵌入代码）。", "The rubric file (TOML), the compiled rubric (.bin), and a publish bundle (.zip: the files spacescore publish writes, a README and the embed snippet).";
    EXPORT_TOML = "导出评价表文件", "Export the rubric file";
    EXPORT_BIN = "导出编译后的评价表", "Export the compiled rubric";
    EXPORT_ZIP = "导出发布包", "Export the publish bundle";
    EXPORT_BLOCKED = "文件通过检查后才能编译和发布。", "The file compiles and publishes once it passes the checker.";
    FILE_TEXT = "文件内容", "The file's text";
    NO_STORAGE = "浏览器不允许本页保存数据：关闭页面前请导出文件。", "This browser does not let the page keep data: export the file before closing the page.";
}

/// What a rubric file's key is called in a form, where the studio knows a name for it
/// better than the key itself; the key is always shown too.
pub fn key_label(key: &str) -> Option<L> {
    let (zh, en) = match key {
        "id" => ("编号", "id"),
        "name" => ("名称", "name"),
        "name_en" => ("英文名称", "name in English"),
        "title" => ("文件标题", "title"),
        "issuer" => ("发文单位", "issuer"),
        "year" => ("年份", "year"),
        "period" => ("评价周期", "period"),
        "section" => ("表格所在部分", "section"),
        "version" => ("版本", "version"),
        "region" => ("地区", "region"),
        "region_en" => ("地区（英文）", "region in English"),
        "space_type" => ("空间类型", "type of space"),
        "space_type_en" => ("空间类型（英文）", "type of space in English"),
        "method" => ("评分方式", "method"),
        "base_max" => ("基础分满分", "base maximum"),
        "bonus_max" => ("加分上限", "bonus maximum"),
        "group" => ("所属分组", "group"),
        "source" => ("原文", "source"),
        "source_text" => ("原文（指标内容）", "source text"),
        "max" => ("满分", "maximum"),
        "bonus" => ("加分项", "bonus"),
        "notes" => ("注释", "notes"),
        "policies" => ("解读规则", "policies"),
        "kind" => ("类型", "kind"),
        "unit" => ("单位", "unit"),
        "clause" => ("所依据的条款", "clause"),
        "inputs" => ("填写的数字", "figures"),
        "expect" => ("应得", "expected"),
        "items" => ("各指标得分", "item scores"),
        "total" => ("总分", "total"),
        "base" => ("基础分", "base"),
        "fields" => ("字段", "fields"),
        "uses" => ("字段的统计期间", "fields' periods"),
        "rows" => ("表格行", "form rows"),
        "grades" => ("等级", "grades"),
        "vetoes" => ("一票否决", "vetoes"),
        "limits" => ("等级上限", "grade limits"),
        "consistency" => ("一致性检查", "consistency checks"),
        "figures" => ("计算数", "derived figures"),
        "bonus_cap" => ("加分合计上限", "bonus cap"),
        "grade_names" => ("等级名称", "grade names"),
        "grades_note" => ("等级说明", "grades note"),
        _ => return None,
    };
    Some(L { zh, en })
}
