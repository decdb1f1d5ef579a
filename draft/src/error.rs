//! Why a table could not be read.

use std::fmt;

use spacescore_core::text::quote_short;
use spacescore_core::Text;

use crate::table::{MAX_CELL, MAX_COLUMNS, MAX_DOCUMENT_XML, MAX_ROWS, MAX_TABLES, MAX_TEXT_BYTES};

/// Why a table could not be read or drafted. Each says what to do, in Chinese and English
/// ([`Error::text`]); its `Display` is the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Text (pasted, `.tsv`, `.csv`) over [`MAX_TEXT_BYTES`].
    TextTooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// More rows than [`MAX_ROWS`].
    TooManyRows,
    /// A row of more cells than [`MAX_COLUMNS`].
    TooManyColumns {
        /// The row, counted from 1.
        row: usize,
    },
    /// A cell over [`MAX_CELL`] characters.
    CellTooLong {
        /// The row, counted from 1.
        row: usize,
        /// The column, counted from 1.
        column: usize,
    },
    /// Bytes that are text in none of the encodings a spreadsheet writes.
    NotText,
    /// An old-style `.doc` or `.xls` file.
    OldFormat,
    /// Not a table in any format read here (binary data, an image…).
    Unknown,
    /// A `.docx` file that cannot be read.
    Docx(String),
    /// A `.docx` file whose text unpacks past [`MAX_DOCUMENT_XML`] (a zip bomb).
    DocxTooLarge {
        /// What its text says it unpacks to, in bytes.
        bytes: u64,
    },
    /// A `.docx` file of more than [`MAX_TABLES`] tables.
    TooManyTables,
    /// An `.xlsx` file that cannot be read (the spreadsheet reader's message).
    Xlsx(String),
    /// Nothing to read: no table, or a table with no text.
    Empty,
    /// No row names the columns as rubric tables do.
    NoHeader,
}

const MIB: usize = 1 << 20;

impl Error {
    /// What went wrong and what to do, in Chinese and English.
    pub fn text(&self) -> Text {
        match self {
            Error::TextTooLarge { bytes } => Text::new(
                format!("文字过多（{} MiB，最多 {} MiB）：评价表不会这么大", bytes.div_ceil(MIB), MAX_TEXT_BYTES / MIB),
                format!("the text is too large ({} MiB, at most {} MiB): a rubric table is not this large", bytes.div_ceil(MIB), MAX_TEXT_BYTES / MIB),
            ),
            Error::TooManyRows => Text::new(
                format!("表格超过 {MAX_ROWS} 行：评价表不会这么长，请只复制评分表本身"),
                format!("the table has more than {MAX_ROWS} rows: a rubric table is not this long; copy the scoring table alone"),
            ),
            Error::TooManyColumns { row } => Text::new(
                format!("第 {row} 行超过 {MAX_COLUMNS} 列：评价表不会这么宽"),
                format!("row {row} has more than {MAX_COLUMNS} cells: a rubric table is not this wide"),
            ),
            Error::CellTooLong { row, column } => Text::new(
                format!("第 {row} 行第 {column} 列超过 {MAX_CELL} 个字：评价表的单元格不会这么长"),
                format!("row {row}, column {column} holds more than {MAX_CELL} characters: a rubric table's cell is not this long"),
            ),
            Error::NotText => Text::new(
                "不是文字表格（不是 UTF-8、GB18030 或 UTF-16 文本）：请从 Word、WPS 或 Excel 复制表格，或另存为 .xlsx、.docx 或 UTF-8 的 CSV",
                "this is not a table of text (not UTF-8, GB18030 or UTF-16): copy the table from Word, WPS or Excel, or save it as .xlsx, .docx or UTF-8 CSV",
            ),
            Error::OldFormat => Text::new(
                "这是旧版 .doc / .xls 文件：请在 Word、WPS 或 Excel 中另存为 .docx 或 .xlsx",
                "this is an old-style .doc or .xls file: save it as .docx or .xlsx in Word, WPS or Excel",
            ),
            Error::Unknown => Text::new(
                "读不出表格：请给出制表符分隔的文字（从 Word、WPS、Excel 复制）、.csv、.docx 或 .xlsx 文件",
                "no table can be read from this: give tab-separated text (copied from Word, WPS or Excel), a .csv, .docx or .xlsx file",
            ),
            Error::Docx(why) => Text::new(
                format!("无法读取 .docx 文件：{}；请在 Word 或 WPS 中打开并重新保存", quote_short(why)),
                format!("the .docx file cannot be read: {}; open it in Word or WPS and save it again", quote_short(why)),
            ),
            Error::DocxTooLarge { bytes } => Text::new(
                format!("该 .docx 文件的正文解压后有 {} MiB，超过 {} MiB（很小的文件解压出极大内容是“压缩炸弹”）：不读取", bytes.div_ceil(MIB as u64), MAX_DOCUMENT_XML / MIB as u64),
                format!("the .docx file's text unpacks to {} MiB, over {} MiB (a small file that unpacks to far more is a zip bomb): not read", bytes.div_ceil(MIB as u64), MAX_DOCUMENT_XML / MIB as u64),
            ),
            Error::TooManyTables => Text::new(
                format!("该 .docx 文件有超过 {MAX_TABLES} 个表格：请只保留评分表"),
                format!("the .docx file has more than {MAX_TABLES} tables: keep the scoring table alone"),
            ),
            Error::Xlsx(why) => Text::new(
                format!("无法读取 .xlsx 文件（{why}）"),
                format!("the .xlsx file cannot be read: {why}"),
            ),
            Error::Empty => Text::new(
                "没有可读的表格：内容为空，或文件中没有表格",
                "there is no table to read: it is empty, or the file holds no table",
            ),
            Error::NoHeader => Text::new(
                "找不到表头：表格的第一行应是列名，如“一级指标、二级指标、指标说明、分值”或“序号、考核指标、评分标准、权重”；请把表头一起复制",
                "no header row: the table's first row names its columns, such as 一级指标, 二级指标, 指标说明, 分值 or 序号, 考核指标, 评分标准, 权重; copy the header with the table",
            ),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for Error {}
