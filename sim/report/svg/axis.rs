//! The picture's time axis: where each step's column is, and the axis line with a tick
//! and label wherever virtual time moves on.
//!
//! Steps at one virtual instant would have no width on a linear clock, so every step gets
//! a column and, where virtual time moves on, a gap with a break mark. A long run is
//! squeezed to at most [`MAX_WIDTH`] pixels: columns and gaps shrink alike (many steps
//! then share a pixel; `bars.rs` and `marks.rs` thin out what would overlap).

use std::fmt::Write as _;

use super::{LANE_HEIGHT, NAMES_WIDTH, TOP};
use crate::report::timeline::{Micros, Timeline};

/// The width of a time gap between two instants, unsqueezed.
const GAP: f64 = 34.0;
/// The room after the last step when virtual time does not move on after it.
const TAIL: f64 = 16.0;
/// Each step's column is as wide as [`COLUMNS_WIDTH`] shared by the steps, within these
/// bounds, before squeezing.
const MAX_COLUMN: f64 = 20.0;
const MIN_COLUMN: f64 = 3.0;
const COLUMNS_WIDTH: f64 = 1100.0;
/// The widest axis; longer runs are squeezed to it.
pub const MAX_WIDTH: f64 = 2400.0;
/// Ticks closer than this are not drawn; labels closer than [`LABEL_SPACING`] neither.
const TICK_SPACING: f64 = 4.0;
const LABEL_SPACING: f64 = 44.0;

pub struct Axis {
    /// `(ts, x)` of each step's start, in step order.
    columns: Vec<(Micros, f64)>,
    /// One step's width.
    pub column: f64,
    /// From the first column to the end.
    pub width: f64,
    /// The x of the timeline's end.
    pub end_x: f64,
    /// A gap's width.
    gap: f64,
    /// Whether the run was squeezed to fit [`MAX_WIDTH`].
    pub squeezed: bool,
    /// The x of the first column and of each column after a gap, with its virtual time.
    times: Vec<(f64, String)>,
}

impl Axis {
    pub fn new(timeline: &Timeline) -> Axis {
        let start = NAMES_WIDTH + 8.0;
        let column = column_width(timeline.steps.len());
        // Unsqueezed offsets from `start`.
        let mut columns = Vec::with_capacity(timeline.steps.len());
        let mut times = Vec::new();
        let mut offset = 0.0;
        let mut previous = None;
        for step in &timeline.steps {
            if previous != Some(step.time) {
                if previous.is_some() {
                    offset += GAP;
                }
                times.push((offset, step.time.to_string()));
            }
            previous = Some(step.time);
            columns.push((step.ts, offset));
            offset += column;
        }
        // Room after the last step, so a lane still blocked at the end shows.
        offset += if previous.is_some_and(|t| t < timeline.ending.end_time) {
            GAP
        } else {
            TAIL
        };
        let scale = if offset > MAX_WIDTH { MAX_WIDTH / offset } else { 1.0 };
        for c in &mut columns {
            c.1 = start + c.1 * scale;
        }
        for t in &mut times {
            t.0 = start + t.0 * scale;
        }
        Axis {
            columns,
            column: column * scale,
            width: offset * scale + 8.0,
            end_x: start + offset * scale,
            gap: GAP * scale,
            squeezed: scale < 1.0,
            times,
        }
    }

    /// The x of display position `ts`: a step's start, a step's end (`ts + 1`), or the
    /// timeline's end.
    pub fn x(&self, ts: Micros) -> f64 {
        match self.columns.binary_search_by_key(&ts, |c| c.0) {
            Ok(i) => self.columns[i].1,
            Err(0) => NAMES_WIDTH + 8.0,
            Err(i) => {
                let (before_ts, before_x) = self.columns[i - 1];
                if ts == before_ts + 1 {
                    before_x + self.column
                } else if i == self.columns.len() {
                    self.end_x
                } else {
                    // Inside a gap: where the next step starts.
                    self.columns[i].1
                }
            }
        }
    }

    /// The axis line over `lanes` lanes, a tick and label where virtual time moves on, a
    /// break mark and a dotted line down the lanes in each gap.
    pub fn draw(&self, svg: &mut String, lanes: usize) {
        let top = TOP + 24.0;
        let bottom = TOP + 30.0 + lanes as f64 * LANE_HEIGHT;
        let _ = writeln!(
            svg,
            r##"<line x1="{NAMES_WIDTH}" y1="{top}" x2="{:.1}" y2="{top}" stroke="#888"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#666" text-anchor="end">virtual time (s)</text>"##,
            self.end_x,
            NAMES_WIDTH - 8.0,
            top - 6.0
        );
        let mut last_tick = f64::NEG_INFINITY;
        let mut last_label = f64::NEG_INFINITY;
        for (i, (x, time)) in self.times.iter().enumerate() {
            let x = *x;
            if x - last_tick < TICK_SPACING {
                continue;
            }
            last_tick = x;
            if i > 0 && self.gap >= 12.0 {
                let mid = x - self.gap / 2.0;
                let _ = writeln!(
                    svg,
                    r##"<path d="M{:.1},{:.1} l4,-4 l4,8 l4,-4" fill="none" stroke="#888"/><line x1="{mid:.1}" y1="{top}" x2="{mid:.1}" y2="{bottom:.1}" stroke="#bbb" stroke-dasharray="2,3"/>"##,
                    mid - 6.0,
                    top
                );
            }
            let _ = writeln!(
                svg,
                r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#888"/>"##,
                top - 4.0,
                top + 4.0
            );
            if x - last_label >= LABEL_SPACING {
                last_label = x;
                let _ = writeln!(
                    svg,
                    r##"<text x="{x:.1}" y="{:.1}" font-size="11" fill="#444">{time}</text>"##,
                    top - 8.0
                );
            }
        }
    }
}

/// Each step's width before squeezing: the steps share [`COLUMNS_WIDTH`], within bounds.
fn column_width(steps: usize) -> f64 {
    (COLUMNS_WIDTH / steps.max(1) as f64).clamp(MIN_COLUMN, MAX_COLUMN)
}
