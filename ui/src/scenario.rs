//! A what-if scenario: figures kept under a name, and their score, that the current figures
//! are compared with (under each item and in the advice panel). A page that offers them keeps
//! one in its state and passes it down; the buttons that keep, restore and drop it say what
//! the person asked for as a [`ScenarioStep`].

use std::rc::Rc;

use spacescore_core::{Inputs, Report, Rubric};

/// Figures kept under a name to compare the current ones with, and their score.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Its name (“方案 A”).
    pub name: String,
    /// Its figures.
    pub values: Rc<Inputs>,
    /// Their score under the rubric shown.
    pub report: Rc<Report>,
}

impl Scenario {
    /// The scenario `name` of `values`, scored under `rubric`.
    pub fn new(rubric: &Rubric, name: String, values: Inputs) -> Scenario {
        let report = spacescore_core::score(rubric, &values);
        Scenario {
            name,
            values: Rc::new(values),
            report: Rc::new(report),
        }
    }
}

/// What the scenario buttons ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioStep {
    /// Keep the current figures as the scenario (again: replace it with them).
    Keep,
    /// Go back to the scenario's figures.
    Restore,
    /// Forget the scenario.
    Drop,
}
