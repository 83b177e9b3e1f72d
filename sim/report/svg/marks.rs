//! Marks over the lanes: a shape per operation worth seeing (locks, events, queues,
//! prints, timers...; hover for its step, time and text) and an arrow from each wake-up's
//! cause to the woken step.
//!
//! Where a squeezed long run puts marks on top of each other, one stands for the rest: a
//! mark within [`CLOSE`] pixels of the last one drawn on its lane, of the same kind, is
//! counted in that one's hover text instead of drawn; so is an arrow between the same two
//! lanes whose ends are that close to the last one's ([`SQUEEZED_CLOSE`] when the run
//! was squeezed, or the arrows would hide the lanes).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::axis::Axis;
use super::{FLOW, LANE_HEIGHT, escape, lane_y};
use crate::report::timeline::{Flow, Instant, LaneId, Timeline};
use crate::runtime::OpKind;

const CLOSE: f64 = 4.0;
const SQUEEZED_CLOSE: f64 = 24.0;
const RADIUS: f64 = 4.5;

#[derive(Clone, Copy)]
pub enum Shape {
    Circle,
    Diamond,
    Square,
    Triangle,
}

/// How an operation is marked: locks are triangles, events and conditions diamonds,
/// queues circles, prints squares.
pub fn shape_of(kind: OpKind) -> (Shape, &'static str) {
    match kind {
        OpKind::Lock | OpKind::Semaphore => (Shape::Triangle, "#7b3fa0"),
        OpKind::Event | OpKind::Condition | OpKind::Barrier => (Shape::Diamond, "#1f6fb5"),
        OpKind::Queue => (Shape::Circle, "#138a8a"),
        OpKind::Print => (Shape::Square, "#333333"),
        OpKind::Timer | OpKind::Future => (Shape::Circle, "#c06000"),
        OpKind::Thread => (Shape::Diamond, "#9a9a9a"),
        _ => (Shape::Circle, "#999999"),
    }
}

/// Draws the marks of every instant of `timeline`.
pub fn draw_instants(svg: &mut String, timeline: &Timeline, axis: &Axis) {
    // Per lane: the last mark kept, and how many were counted in it.
    let mut last: Vec<Option<(f64, OpKind, &Instant, usize)>> = vec![None; timeline.lanes.len()];
    let mut kept: Vec<(f64, &Instant, usize)> = Vec::new();
    for instant in &timeline.instants {
        let x = axis.x(instant.ts) + axis.column / 2.0;
        let slot = &mut last[instant.lane];
        if let Some((lx, kind, _, n)) = slot
            && *kind == instant.kind
            && x - *lx < CLOSE
        {
            *n += 1;
            continue;
        }
        if let Some((lx, _, i, n)) = slot.take() {
            kept.push((lx, i, n));
        }
        *slot = Some((x, instant.kind, instant, 0));
    }
    kept.extend(last.into_iter().flatten().map(|(x, _, i, n)| (x, i, n)));
    // In step order, as the timeline has them.
    kept.sort_by_key(|(_, i, _)| (i.ts, i.lane));
    for (x, instant, more) in kept {
        mark(svg, x, instant, more, timeline);
    }
}

fn mark(svg: &mut String, x: f64, instant: &Instant, more: usize, timeline: &Timeline) {
    let y = lane_y(instant.lane);
    let time = timeline
        .step(instant.step)
        .map(|s| s.time.to_string())
        .unwrap_or_default();
    let mut title = format!("step {} at {time} s: {}", instant.step, instant.text);
    if more > 0 {
        let _ = write!(title, " (and {more} more here)");
    }
    let (shape, colour) = shape_of(instant.kind);
    let _ = writeln!(
        svg,
        r##"{} fill="{colour}" stroke="white" stroke-width="1"><title>{}</title></{}>"##,
        open_shape(shape, x, y, RADIUS),
        escape(&title),
        element(shape)
    );
}

/// The opening of a shape's element centred on `(x, y)`, without its fill.
fn open_shape(shape: Shape, x: f64, y: f64, r: f64) -> String {
    match shape {
        Shape::Circle => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r}""#),
        Shape::Diamond => format!(r#"<path d="M{x:.1},{:.1} l{r},{r} l-{r},{r} l-{r},-{r} z""#, y - r),
        Shape::Square => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}""#,
            x - r + 0.5,
            y - r + 0.5,
            2.0 * r - 1.0,
            2.0 * r - 1.0
        ),
        Shape::Triangle => format!(
            r#"<path d="M{x:.1},{:.1} l{r},{:.1} l-{:.1},0 z""#,
            y - r,
            2.0 * r,
            2.0 * r
        ),
    }
}

fn element(shape: Shape) -> &'static str {
    match shape {
        Shape::Circle => "circle",
        Shape::Square => "rect",
        Shape::Diamond | Shape::Triangle => "path",
    }
}

/// A legend swatch of `shape` centred on `(x, y)`.
pub fn swatch(shape: Shape, colour: &str, x: f64, y: f64) -> String {
    format!(r#"{} fill="{colour}"/>"#, open_shape(shape, x, y, RADIUS))
}

/// Draws an arrow per wake-up of `timeline`, from the end of the causing step to the
/// start of the woken one.
pub fn draw_flows(svg: &mut String, timeline: &Timeline, axis: &Axis) {
    // Per pair of lanes: the index in `kept` of the last arrow kept between them.
    let close = if axis.squeezed { SQUEEZED_CLOSE } else { CLOSE };
    let mut last: BTreeMap<(LaneId, LaneId), usize> = BTreeMap::new();
    // `(x1, x2, flow, how many more it stands for)`, in the flows' order.
    let mut kept: Vec<(f64, f64, &Flow, usize)> = Vec::new();
    for flow in &timeline.flows {
        let (x1, x2) = (axis.x(flow.from_ts + 1), axis.x(flow.to_ts));
        let pair = (flow.from_lane, flow.to_lane);
        if let Some(&k) = last.get(&pair) {
            let (lx1, lx2, _, more) = &mut kept[k];
            if (x1 - *lx1).abs() < close && (x2 - *lx2).abs() < close {
                *more += 1;
                continue;
            }
        }
        last.insert(pair, kept.len());
        kept.push((x1, x2, flow, 0));
    }
    for (x1, x2, flow, more) in kept {
        arrow(svg, x1, x2, flow, more, timeline);
    }
}

fn arrow(svg: &mut String, x1: f64, x2: f64, flow: &Flow, more: usize, timeline: &Timeline) {
    let (y1, y2) = (lane_y(flow.from_lane), lane_y(flow.to_lane));
    let bend = (y2 - y1).abs().max(LANE_HEIGHT) * 0.5;
    let cause = timeline.step(flow.from).map_or("", |s| s.text.as_str());
    let mut title = format!("step {} wakes step {}: {cause}", flow.from, flow.to);
    if more > 0 {
        let _ = write!(title, " (and {more} more here)");
    }
    let _ = writeln!(
        svg,
        r##"<path d="M{x1:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {x2:.1},{y2:.1}" fill="none" stroke="{FLOW}" stroke-width="1.2" stroke-opacity="0.8" marker-end="url(#arrow)"><title>{}</title></path>"##,
        x1 + bend,
        x2 - bend,
        escape(&title)
    );
}
