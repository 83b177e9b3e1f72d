//! Python's indentation rules: the stack of open indentation levels. A level is measured
//! twice, with tabs to the next multiple of 8 and with tabs as one column; the two must agree
//! on every comparison, otherwise tabs and spaces are mixed inconsistently.

const INCONSISTENT: &str = "inconsistent use of tabs and spaces in indentation";
const UNMATCHED_UNINDENT: &str = "unindent does not match any outer indentation level";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Indentation {
    columns: usize,
    tabs_as_one: usize,
}

impl Indentation {
    fn measure(whitespace: &str) -> Indentation {
        whitespace.chars().fold(Indentation::default(), |level, c| match c {
            '\t' => Indentation {
                columns: (level.columns / 8 + 1) * 8,
                tabs_as_one: level.tabs_as_one + 1,
            },
            '\x0c' => Indentation::default(),
            _ => Indentation {
                columns: level.columns + 1,
                tabs_as_one: level.tabs_as_one + 1,
            },
        })
    }
}

/// How a line's indentation relates to the open levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IndentChange {
    Same,
    Indent,
    /// Closes this many levels.
    Dedent(usize),
}

#[derive(Debug)]
pub(crate) struct IndentStack {
    levels: Vec<Indentation>,
}

impl IndentStack {
    pub(crate) fn new() -> IndentStack {
        IndentStack {
            levels: vec![Indentation::default()],
        }
    }

    /// Levels opened and not yet closed.
    pub(crate) fn open_levels(&self) -> usize {
        self.levels.len() - 1
    }

    /// Moves to the indentation `whitespace` of a new logical line.
    pub(crate) fn change_to(&mut self, whitespace: &str) -> Result<IndentChange, &'static str> {
        let new = Indentation::measure(whitespace);
        let top = self.top();
        if new.columns == top.columns {
            return consistent(new.tabs_as_one == top.tabs_as_one, IndentChange::Same);
        }
        if new.columns > top.columns {
            self.levels.push(new);
            return consistent(new.tabs_as_one > top.tabs_as_one, IndentChange::Indent);
        }
        let mut closed = 0;
        while new.columns < self.top().columns {
            self.levels.pop();
            closed += 1;
        }
        let top = self.top();
        if new.columns != top.columns {
            return Err(UNMATCHED_UNINDENT);
        }
        consistent(new.tabs_as_one == top.tabs_as_one, IndentChange::Dedent(closed))
    }

    fn top(&self) -> Indentation {
        self.levels.last().copied().unwrap_or_default()
    }
}

fn consistent(agrees: bool, change: IndentChange) -> Result<IndentChange, &'static str> {
    if agrees { Ok(change) } else { Err(INCONSISTENT) }
}
