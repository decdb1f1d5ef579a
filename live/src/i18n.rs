//! The page's own labels in Chinese and English. Rubric content (names, units, messages)
//! comes bilingual from the core; quotations of the source documents stay in Chinese and
//! are marked `lang="zh-CN"`.

use spacescore_core::Lang;

/// A label in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct L {
    /// Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl L {
    /// The label in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// Chooses between two strings by language.
pub fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A colon in the language's own punctuation.
pub fn colon(lang: Lang) -> &'static str {
    pick(lang, "：", ": ")
}

/// A scenario's name as shown in `lang`: the page's own default name (“方案 A”, “Scenario
/// A”) follows the language toggle; a name the person chose is theirs, as typed.
pub fn scenario_name(name: &str, lang: Lang) -> String {
    if name == SCENARIO_NAME.zh || name == SCENARIO_NAME.en {
        SCENARIO_NAME.get(lang).to_string()
    } else {
        name.to_string()
    }
}

/// `text` in parentheses, in the language's own punctuation.
pub fn paren(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

macro_rules! labels {
    ($($name:ident = $zh:literal, $en:literal;)*) => {
        $(#[allow(missing_docs)] pub const $name: L = L { zh: $zh, en: $en };)*
    };
}

labels! {
    APP_TITLE = "众创空间绩效自评", "Maker space self-evaluation";
    APP_TAGLINE = "按本地区公布的评价办法逐项计分，数据只保存在本机浏览器中。", "Scores every indicator by your region's published rubric; your figures stay in this browser.";
    REGION = "地区", "Region";
    SPACE_TYPE = "类型", "Type";
    LANGUAGE_TOGGLE = "English", "中文";
    LANGUAGE_TOGGLE_LABEL = "切换到英文界面", "切换到中文界面 (switch to Chinese)";
    PRINT = "打印自评表", "Print";
    EXPORT = "导出", "Export";
    EXPORT_XLSX = "导出 Excel 申报表", "Export Excel filing";
    EXPORT_DOCX = "导出 Word 自评表", "Export Word self-evaluation";
    EXPORTING = "正在生成申报材料……", "Writing the filing…";
    EXPORT_FAILED = "申报材料未能导出（填写的数据都在）：", "The filing could not be exported (your figures are kept): ";
    APPLICANT = "申报单位", "Applicant";
    APPLICANT_HINT = "空间的全称，写入打印的自评表和导出的申报材料。", "The space's full name, put in the printed table and the exported filing.";
    IMPORT = "导入", "Import";
    SHARE = "复制分享链接", "Copy share link";
    RESET = "清空", "Reset";
    RESET_CONFIRM = "确定清空本表已填写的全部数据？此操作不能撤销（可先导出备份）。", "Clear every figure entered in this form? This cannot be undone (export a copy first if unsure).";
    RESET_YES = "确定清空", "Clear all";
    CANCEL = "取消", "Cancel";
    DISMISS = "知道了", "Dismiss";
    RESTORE = "恢复之前的数据", "Restore previous figures";
    DOWNLOAD_KEPT = "下载原始数据", "Download the raw data";
    DOCUMENT = "依据文件", "Source document";
    DOC_NUMBER = "文号", "Number";
    DOC_YEAR = "年份", "Year";
    DOC_ISSUER = "发布单位", "Issued by";
    DOC_PERIOD = "评价期", "Evaluation period";
    DOC_NOTES = "本工具对文件的解读", "How this tool reads the document";
    METHOD_FORMULA = "按文件公布的计分细则自动计分", "Scored by the document's published rules";
    METHOD_WEIGHTS = "文件只公布权重：每项由申报单位在 0 至权重间自评", "The document publishes weights only: each item is self-assessed from 0 to its weight";
    METHOD_FORM = "数据表，不计分：检查数据一致性并计算派生指标", "A data form with no score: checks consistency and computes derived figures";
    WEIGHT = "权重", "Weight";
    POINTS = "分", "pts";
    SELF_ASSESSED = "自评", "Self-assessed";
    BONUS_ITEM = "加分项", "Bonus";
    CAPPED = "已封顶", "Capped";
    CAPPED_TITLE = "各部分得分之和超过本项最高分，按最高分计", "The parts add up to more than the item's maximum, so the maximum counts";
    NOT_SCORED = "待更正", "Fix input";
    SOURCE_TEXT = "原文", "Source text";
    RULE_TEXT = "计分细则（原文）", "Scoring rule (source)";
    EVIDENCE = "评价材料（原文）", "Evidence required (source)";
    INTERPRETATION = "解读", "Interpretation";
    AIDS = "参考数据（不影响得分）", "Supporting figures (do not change the score)";
    SELF_SCORE = "自评得分", "Self-assessed score";
    YES = "是", "Yes";
    NO = "否", "No";
    SUMMARY = "得分汇总", "Score summary";
    FORM_SUMMARY = "填报汇总", "Form summary";
    BASE = "基础分", "Base";
    BONUS = "加分", "Bonus";
    TOTAL = "总分", "Total";
    GRADE = "等级", "Grade";
    NO_GRADE = "文件未公布等级分数线", "No grade bands published";
    VETOED = "一票否决", "Vetoed";
    NOT_VETOED = "无否决情形", "No veto";
    VETO_UNANSWERED = "否决项尚未全部回答", "Veto questions not all answered";
    MISSING = "待填写", "Still empty";
    MISSING_NONE = "已全部填写", "All filled in";
    ERRORS = "项输入有误", "inputs to fix";
    GROUP_BARS = "各一级指标得分", "Scores by group";
    VETO_SECTION = "否决项与等级限制", "Veto and grade limits";
    VETO_HELP = "如实回答：任何一项为“是”，评价结果即为不合格 / 一票否决。", "Answer truthfully: any “yes” makes the result a fail / veto.";
    WARNINGS = "数据一致性提示", "Consistency warnings";
    NO_WARNINGS = "未发现不一致", "No inconsistencies found";
    FIGURES = "派生指标", "Derived figures";
    POLICY = "通用解读规则", "General interpretation rules";
    PRINT_TITLE = "自评表", "Self-evaluation table";
    PRINT_DATE = "打印日期", "Printed";
    PRINT_GROUP = "一级指标", "Group";
    PRINT_ITEM = "二级指标", "Indicator";
    PRINT_MAX = "分值", "Max";
    PRINT_SCORE = "自评得分", "Score";
    PRINT_NOTE = "说明", "Explanation";
    PRINT_UNIT = "计量单位", "Unit";
    PRINT_VALUE = "数量", "Value";
    PRINT_SIGN = "申报单位（盖章）：　　　　　　负责人签字：", "Applicant (seal):                Signature:";
    SHARE_COPIED = "分享链接已复制。数据在链接的 # 之后，不会发送到任何服务器。", "Share link copied. The figures are after the # and are never sent to a server.";
    SHARE_MANUAL = "无法自动复制，请手动复制下面的链接（数据在 # 之后，不会发送到任何服务器）：", "Could not copy automatically; copy this link (the figures are after the # and are never sent to a server):";
    IMPORTED = "已导入数据。", "Figures imported.";
    STORAGE_KEPT = "本机保存的数据无法读取，已原样另存，表单从空白开始。", "The figures saved in this browser could not be read; they were kept aside unchanged and the form starts empty.";
    STORAGE_UNAVAILABLE = "浏览器不允许本地存储，刷新页面会丢失数据，请及时导出。", "This browser does not allow local storage; a reload loses the figures, so export them.";
    SHARE_OPENED = "已打开分享链接中的数据。", "Opened the figures from the share link.";
    OTHER_TAB = "另一个标签页修改了本评价表的数据。本页显示的仍是本页的数据，它们会在下次保存时覆盖另一页的数据；另一页的数据已另存，可点击恢复。", "Another tab changed this rubric's figures. This page still shows its own figures, which will replace the other tab's the next time they are saved; the other tab's figures were kept aside and can be restored.";
    OTHER_TAB_LOST = "另一个标签页修改了本评价表的数据，但浏览器拒绝另存它们：请在那个标签页导出数据，再在这里继续。", "Another tab changed this rubric's figures, but the browser refused to keep them aside: export them in that tab before going on here.";
    SHARE_BACKED_UP = "本机原有的数据已另存，可随时恢复。", "The figures previously saved here were kept aside and can be restored.";
    SHARE_BROKEN = "分享链接无法读取：", "The share link cannot be read: ";
    IMPORT_BROKEN = "文件无法导入：", "The file cannot be imported: ";
    VERSION_CHANGED = "这些数据保存于评价细则的旧版本（{old}），当前为 {new}；已尽量保留，请核对各项。", "These figures were saved under an older version of the rubric ({old}); it is now {new}. They were kept where possible; please check each item.";
    DROPPED = "以下数据与当前评价表不符，未导入：", "These entries do not fit the current rubric and were not imported: ";
    OTHER_RUBRIC = "数据属于另一评价表，已切换到：", "The figures belong to another rubric; switched to: ";
    RESTORE_BROKEN = "之前的数据无法恢复：", "The previous figures cannot be restored: ";
    RESTORED = "已恢复之前的数据。", "Previous figures restored.";
    SKIP_TO_SUMMARY = "跳到得分汇总", "Skip to the summary";
    TOOLBAR = "操作", "Actions";
    CLEAR_CHOICE = "清除选择", "Clear the choice";
    BONUS_CAPPED = "加分已达上限", "Bonus capped";
    LANDING_TITLE = "选择地区和类型", "Choose the region and type";
    DISTRICT_LINK = "全区批量评分（主管部门）", "District scoring (for officials)";
    DISTRICT_LINK_HINT = "一次为全区所有空间评分：CSV 或 Excel 文件，中文表头即可。", "Score every space of a district at once from a CSV or Excel file.";
    STUDIO_LINK = "评价表工作室", "Rubric studio";
    STUDIO_LINK_HINT = "把本地区今年的评价表从文件的表格起草、检查、试算并发布（主管部门）。", "Draft this year's rubric from the document's table, check it, try it and publish it (for officials).";
    LANDING_HINT = "要使用本站没有的地区的评价表文件：打开任一评价表后，点击“打开评价表文件”。", "For a region this site does not have: open any rubric, then “Open a rubric file”.";
    SCENARIO_NAME = "方案 A", "Scenario A";
    ADVICE = "提分空间", "Where the next points are";
    ADVICE_NONE = "按现有数据，没有可以再提高的分数。", "With these figures, no score can rise further.";
    ADVICE_HEADROOM = "距满分还差", "Short of the maximum by";
    ADVICE_SELF = "其中自评部分", "of which self-assessed";
    ADVICE_GROUPS = "各一级指标还可提高", "Room per group";
    ADVICE_FIXES = "请先更正有误的输入：", "Correct these inputs first: ";
    NEXT_STEP = "下一步：", "Next: ";
    SCENARIO = "对比方案", "What-if";
    SCENARIO_KEEP = "把当前数据存为对比方案", "Keep these figures as a scenario";
    SCENARIO_UPDATE = "用当前数据更新方案", "Update the scenario with these figures";
    SCENARIO_RESTORE = "恢复方案中的数据", "Go back to the scenario's figures";
    SCENARIO_DROP = "删除方案", "Delete the scenario";
    SCENARIO_NOW = "现在", "Now";
    TYPED_EARLY = "页面加载完成前填写的数据已保留。", "What you typed while the page was loading is kept.";
    PICKER = "选择评价表", "Choose a rubric";
    OPEN_RUBRIC = "打开评价表文件", "Open a rubric file";
    OPEN_RUBRIC_HELP = "选择或拖入评价表文件（.toml），在本机检查后使用，不会上传。", "Choose or drop a rubric file (.toml): it is checked in this browser and never uploaded.";
    OPENED_SHORT = "本机文件", "file opened here";
    OPENED_BADGE = "本地文件：不是本站内置的评价表", "Local file: not one of this site's built-in rubrics";
    OPENED_FROM = "来自文件", "From file";
    VERSION = "版本", "Version";
    HASH = "校验值", "Hash";
    NOT_STATED = "文件未写明", "Not stated in the document";
    CHECKING = "正在检查评价表文件……", "Checking the rubric file…";
    LOADING = "正在加载评价表……", "Loading the rubric…";
    DROP_HERE = "松开鼠标即可打开该评价表文件（在本机检查，不会上传）", "Drop to open the rubric file (checked here, never uploaded)";
    FILE_PROBLEMS = "评价表文件有问题，未打开：", "The rubric file has problems and was not opened: ";
    SHARE_WAITING = "之前通过分享链接收到的这份评价表的数据已保留，可以恢复。", "Figures for this rubric received earlier through a share link are kept and can be restored.";
    UPDATED = "本页面已更新到新版本（{build}）。", "This page has been updated to a new version ({build}).";
    CONTENT_CHANGED = "这些数据保存于同一版本、但内容不同的评价表（校验值 {old}，当前 {new}）；已尽量保留，请核对各项。", "These figures were saved under different content of the same rubric version (hash {old}; now {new}); they were kept where possible, please check each item.";
}
