//! The lanes' bars: running and blocked intervals in distinct colours, each with its
//! hover text.
//!
//! An interval narrower than [`THIN`] (a squeezed long run) is not drawn alone: such
//! intervals are gathered per lane into [`BIN`]-pixel bins, each drawn in the colour that
//! covers most of it and saying on hover how many intervals it stands for, and adjacent
//! bins of one colour are drawn as one bar.

use std::fmt::Write as _;

use super::axis::Axis;
use super::{BAR_HEIGHT, IDLE, RUNNING, SLEEPING, STUCK, WAITING, escape, lane_y, shorten};
use crate::report::timeline::{Activity, Interval, Timeline};
use crate::runtime::WaitKind;

/// Intervals at least this wide are drawn alone.
const THIN: f64 = 1.5;
/// The width thin intervals are gathered over.
const BIN: f64 = 2.0;

/// Draws every interval of `timeline`; `stuck[lane]` says whether a lane is stuck at a
/// deadlock.
pub fn draw(svg: &mut String, timeline: &Timeline, axis: &Axis, stuck: &[bool]) {
    let mut thin = Thin::default();
    for interval in &timeline.intervals {
        let x1 = axis.x(interval.start);
        let x2 = axis.x(interval.end);
        let look = Look::of(interval, timeline, stuck[interval.lane]);
        if x2 - x1 >= THIN {
            let caption = look.captioned.then_some(look.name.as_str());
            bar(svg, interval.lane, x1, x2, &look, &look.label, caption);
        } else {
            thin.add(svg, interval, x1, x2 - x1, look);
        }
    }
    thin.flush(svg);
}

/// How an interval is drawn.
struct Look {
    fill: &'static str,
    height: f64,
    /// `running`, `blocked on lock1`.
    name: String,
    /// The hover text.
    label: String,
    /// Whether the name is written over a wide enough bar.
    captioned: bool,
}

impl Look {
    fn of(interval: &Interval, timeline: &Timeline, stuck_lane: bool) -> Look {
        match &interval.activity {
            Activity::Running { first, last } => Look {
                fill: RUNNING,
                height: BAR_HEIGHT,
                name: interval.name(),
                label: if first == last {
                    format!("step {first}")
                } else {
                    format!("steps {first}–{last}")
                },
                captioned: false,
            },
            Activity::Blocked { on, until, .. } => {
                let fill = match on.kind {
                    WaitKind::Sleep => SLEEPING,
                    WaitKind::EventLoop => IDLE,
                    _ if until.is_none() && stuck_lane => STUCK,
                    _ => WAITING,
                };
                let mut label = interval.name();
                if until.is_none() && !timeline.ending.verdict.is_ok() {
                    label.push_str(" when the run ended");
                }
                Look {
                    fill,
                    height: BAR_HEIGHT * 0.6,
                    name: interval.name(),
                    label,
                    // A stuck lane says what it waits for after its end.
                    captioned: fill != IDLE && fill != STUCK,
                }
            }
        }
    }
}

/// A bar from `x1` to `x2` on `lane`, hovering `label`, with `caption` over it when wide
/// enough.
fn bar(svg: &mut String, lane: usize, x1: f64, x2: f64, look: &Look, label: &str, caption: Option<&str>) {
    let x2 = x2.max(x1 + 1.0);
    let y = lane_y(lane) - look.height / 2.0;
    let _ = writeln!(
        svg,
        r##"<rect x="{x1:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{}" rx="2"><title>{}</title></rect>"##,
        x2 - x1,
        look.height,
        look.fill,
        escape(label)
    );
    if let Some(caption) = caption
        && x2 - x1 >= 60.0
    {
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#333">{}</text>"##,
            x1 + 4.0,
            y - 3.0,
            escape(&shorten(caption, ((x2 - x1) / 6.0) as usize))
        );
    }
}

/// Thin intervals being gathered: the current bin of one lane, and the bar of equal-colour
/// bins before it not drawn yet.
#[derive(Default)]
struct Thin {
    bin: Option<Bin>,
    pending: Option<Bin>,
}

/// Thin intervals of one lane over `x1..x2`: how many there were, and how wide each look
/// was in all.
struct Bin {
    lane: usize,
    x1: f64,
    x2: f64,
    intervals: usize,
    /// `(look, total width)`, in order of first appearance.
    widths: Vec<(Look, f64)>,
}

impl Bin {
    /// The look covering most of the bin (the first of equals).
    fn main_look(&self) -> &Look {
        let mut best = &self.widths[0];
        for w in &self.widths[1..] {
            if w.1 > best.1 {
                best = w;
            }
        }
        &best.0
    }
}

impl Thin {
    fn add(&mut self, svg: &mut String, interval: &Interval, x: f64, width: f64, look: Look) {
        let lane = interval.lane;
        let start = (x / BIN).floor() * BIN;
        if self.bin.as_ref().is_some_and(|b| b.lane != lane || start >= b.x2) {
            self.close_bin(svg);
        }
        let bin = self.bin.get_or_insert_with(|| Bin {
            lane,
            x1: start,
            x2: start + BIN,
            intervals: 0,
            widths: Vec::new(),
        });
        bin.intervals += 1;
        match bin
            .widths
            .iter_mut()
            .find(|(l, _)| l.fill == look.fill && l.height == look.height)
        {
            Some(w) => w.1 += width,
            None => bin.widths.push((look, width)),
        }
    }

    /// Ends the current bin: it joins the pending bar if adjacent and of its colour, else
    /// the pending bar is drawn and the bin becomes it.
    fn close_bin(&mut self, svg: &mut String) {
        let Some(bin) = self.bin.take() else { return };
        if let Some(pending) = &mut self.pending
            && pending.lane == bin.lane
            && pending.x2 >= bin.x1
            && pending.main_look().fill == bin.main_look().fill
        {
            pending.x2 = bin.x2;
            pending.intervals += bin.intervals;
            return;
        }
        self.draw_pending(svg);
        self.pending = Some(bin);
    }

    fn draw_pending(&mut self, svg: &mut String) {
        let Some(p) = self.pending.take() else { return };
        let look = p.main_look();
        let label = format!("{} short intervals, mostly {}", p.intervals, look.name);
        bar(svg, p.lane, p.x1, p.x2, look, &label, None);
    }

    fn flush(&mut self, svg: &mut String) {
        self.close_bin(svg);
        self.draw_pending(svg);
    }
}
