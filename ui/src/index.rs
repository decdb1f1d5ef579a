//! The list of rubrics the page can show: the site's (`rubrics/index.json`, written by
//! `spacescore publish`) and the rubric files this browser has opened. The picker shows
//! them; only the chosen rubric itself is fetched.

use spacescore_core::json::{self, Json};
use spacescore_core::{Rubric, Text};

/// One rubric the page can show.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The rubric id.
    pub id: String,
    /// The rubric data's version.
    pub version: String,
    /// Its content hash.
    pub hash: String,
    /// `formula`, `weights` or `form`.
    pub method: String,
    /// The source document's title.
    pub title: String,
    /// The rubric's name.
    pub name: Text,
    /// The region.
    pub region: Text,
    /// The kind of space.
    pub space_type: Text,
    /// Where the site keeps its compiled form (relative to the site); none for a rubric
    /// file opened in this browser.
    pub file: Option<String>,
    /// The name of the rubric file it was opened from, for one opened in this browser.
    pub opened_from: Option<String>,
}

impl Entry {
    /// The entry of one of the site's rubrics, kept at `rubrics/<id>.bin`.
    pub fn site(rubric: &Rubric) -> Entry {
        Entry {
            file: Some(format!("rubrics/{}.bin", rubric.id())),
            opened_from: None,
            ..Entry::opened(rubric, "")
        }
    }

    /// The entry for a rubric opened from a file in this browser.
    pub fn opened(rubric: &Rubric, file_name: &str) -> Entry {
        Entry {
            id: rubric.id().to_string(),
            version: rubric.version().to_string(),
            hash: rubric.hash().to_string(),
            method: rubric.method().as_str().to_string(),
            title: rubric.document().title.clone(),
            name: rubric.name().clone(),
            region: rubric.region().clone(),
            space_type: rubric.space_type().clone(),
            file: None,
            opened_from: Some(file_name.to_string()),
        }
    }

    /// Whether it is one of the site's rubrics (not a file opened in this browser).
    pub fn is_site(&self) -> bool {
        self.file.is_some()
    }
}

/// The rubrics the page can show, in the order the picker lists them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Index {
    /// The site's rubrics, then the files opened here.
    pub entries: Vec<Entry>,
}

impl Index {
    /// Reads the site's index (`rubrics/index.json`). Entries that are not well formed are
    /// skipped, so one bad line does not hide the others.
    ///
    /// # Errors
    /// When the text is not a JSON array.
    pub fn parse(text: &str) -> Result<Index, String> {
        let doc = json::parse(text)?;
        let Json::Array(items) = doc else {
            return Err("the rubric index is not a list".into());
        };
        let entries = items
            .iter()
            .filter_map(|item| {
                let s = |k: &str| item.get(k).and_then(Json::as_str).map(str::to_string);
                let t = |k: &str| Some(Text::new(s(k)?, s(&format!("{k}_en"))?));
                let id = s("id")?;
                let file = s("file")?;
                // Only ids the checker allows, and files inside the site's rubric folder.
                if !spacescore_core::rubric::is_rubric_id(&id)
                    || file != format!("rubrics/{id}.bin")
                {
                    return None;
                }
                Some(Entry {
                    version: s("version")?,
                    hash: s("hash").unwrap_or_default(),
                    method: s("method").unwrap_or_default(),
                    title: s("title").unwrap_or_default(),
                    name: t("name")?,
                    region: t("region")?,
                    space_type: t("space_type")?,
                    file: Some(file),
                    opened_from: None,
                    id,
                })
            })
            .collect();
        Ok(Index { entries })
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The index with `entry` added, replacing an entry of the same id.
    pub fn with(&self, entry: Entry) -> Index {
        let mut entries: Vec<Entry> = self
            .entries
            .iter()
            .filter(|e| e.id != entry.id)
            .cloned()
            .collect();
        entries.push(entry);
        Index { entries }
    }

    /// Regions in the order they first appear, each with its entries.
    pub fn regions(&self) -> Vec<(&Text, Vec<&Entry>)> {
        let mut out: Vec<(&Text, Vec<&Entry>)> = Vec::new();
        for e in &self.entries {
            match out.iter_mut().find(|(r, _)| r.zh == e.region.zh) {
                Some((_, list)) => list.push(e),
                None => out.push((&e.region, vec![e])),
            }
        }
        out
    }
}
