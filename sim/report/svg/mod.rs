//! A run drawn as an SVG timeline (`--svg OUT.svg`): one lane per thread and asyncio task,
//! running and blocked intervals in distinct colours (`bars.rs`), marks for the operations
//! worth seeing and arrows from each wake-up's cause to the woken step (`marks.rs`), a time
//! axis (`axis.rs`), the verdict on top (a deadlock shows each stuck lane in red with what
//! it waits for) and a legend (`legend.rs`). Hover anything for its details. Pure and
//! deterministic: the same timeline gives the same bytes; no fonts or scripts needed.

mod axis;
mod bars;
mod legend;
mod marks;

use std::fmt::Write as _;

use super::timeline::{Lane, LaneKind, Timeline};

/// Layout, in pixels.
const LANE_HEIGHT: f64 = 30.0;
const BAR_HEIGHT: f64 = 16.0;
const NAMES_WIDTH: f64 = 170.0;
const TOP: f64 = 64.0;
const RIGHT_MARGIN: f64 = 24.0;
const WAITS_FONT: f64 = 11.0;

const RUNNING: &str = "#3a9a5b";
/// Blocked: stripes of two oranges (the `waiting` pattern).
const WAITING: &str = "url(#waiting)";
const SLEEPING: &str = "#8db6e0";
const IDLE: &str = "#d5d5d5";
const STUCK: &str = "#d0352b";
const FLOW: &str = "#5a5a9a";

/// Draws `timeline`; `title` heads the picture (the scenario's path and seed).
pub fn render(timeline: &Timeline, title: &str) -> String {
    let axis = axis::Axis::new(timeline);
    let lanes = timeline.lanes.len().max(1);
    // What each lane stuck at a deadlock waits for, written after its end.
    let stuck: Vec<Option<String>> = timeline
        .lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| {
            let wait = timeline.ending.waits.iter().find(|w| w.lane == Some(i))?;
            Some(stuck_text(lane, &wait.waits))
        })
        .collect();
    let waits_width = stuck
        .iter()
        .flatten()
        .map(|w| text_width(w, WAITS_FONT) + 12.0)
        .fold(0.0, f64::max);
    let width = (NAMES_WIDTH + axis.width + waits_width + RIGHT_MARGIN).max(legend::MIN_WIDTH);
    let legend_top = TOP + 30.0 + lanes as f64 * LANE_HEIGHT + 24.0;
    let height = legend_top + legend::height(width);

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">"##
    );
    let _ = writeln!(
        svg,
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{FLOW}"/></marker><pattern id="waiting" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e0a040"/><rect width="2" height="6" fill="#f3d49b"/></pattern></defs>"##
    );
    let _ = writeln!(svg, r##"<rect width="100%" height="100%" fill="white"/>"##);
    header(&mut svg, timeline, title, width);
    lanes_and_names(&mut svg, timeline, &stuck, width);
    axis.draw(&mut svg, lanes);
    let stuck_lanes: Vec<bool> = stuck.iter().map(Option::is_some).collect();
    bars::draw(&mut svg, timeline, &axis, &stuck_lanes);
    for (lane, waits) in stuck.iter().enumerate() {
        if let Some(waits) = waits {
            let _ = writeln!(
                svg,
                r##"<text x="{:.1}" y="{:.1}" font-size="{WAITS_FONT}" fill="{STUCK}">{}</text>"##,
                axis.end_x + 8.0,
                lane_y(lane) + 4.0,
                escape(waits)
            );
        }
    }
    marks::draw_instants(&mut svg, timeline, &axis);
    marks::draw_flows(&mut svg, timeline, &axis);
    legend::draw(&mut svg, legend_top, width);
    svg.push_str("</svg>\n");
    svg
}

/// The middle of a lane's bar.
fn lane_y(lane: usize) -> f64 {
    TOP + 30.0 + lane as f64 * LANE_HEIGHT + LANE_HEIGHT / 2.0
}

fn header(svg: &mut String, timeline: &Timeline, title: &str, width: f64) {
    let verdict = timeline.ending.verdict.to_string();
    let headline = verdict.lines().next().unwrap_or_default();
    let (fill, text) = if timeline.ending.verdict.is_ok() {
        ("#e6f4ea", "#1e6b34")
    } else {
        ("#fbe3e1", "#a3231b")
    };
    let _ = writeln!(
        svg,
        r##"<rect x="0" y="0" width="{width:.0}" height="46" fill="{fill}"/><text x="12" y="19" font-weight="bold" fill="{text}">{}</text><text x="12" y="37" fill="#444">{} — {} steps, {} virtual seconds{}</text>"##,
        escape(headline),
        escape(title),
        timeline.ending.steps,
        timeline.ending.end_time,
        match timeline.ending.shown_steps {
            Some(shown) => format!("; the picture stops after step {shown}"),
            None => String::new(),
        }
    );
    if verdict.lines().count() > 1 {
        // The whole report on hover.
        let _ = writeln!(
            svg,
            r##"<rect x="0" y="0" width="{width:.0}" height="46" fill-opacity="0"><title>{}</title></rect>"##,
            escape(verdict.trim_end())
        );
    }
}

fn lanes_and_names(svg: &mut String, timeline: &Timeline, stuck: &[Option<String>], width: f64) {
    for (i, lane) in timeline.lanes.iter().enumerate() {
        let y = TOP + 30.0 + i as f64 * LANE_HEIGHT;
        if i % 2 == 1 {
            let _ = writeln!(
                svg,
                r##"<rect x="0" y="{y:.1}" width="{width:.0}" height="{LANE_HEIGHT}" fill="#f6f6f8"/>"##
            );
        }
        let indent = match lane.kind {
            LaneKind::Thread { .. } => 10.0,
            LaneKind::Task { .. } => 22.0,
        };
        let colour = if stuck[i].is_some() { STUCK } else { "#222" };
        let shown = shorten(&lane.name, 22);
        let _ = write!(
            svg,
            r##"<text x="{indent}" y="{:.1}" fill="{colour}">{}"##,
            y + LANE_HEIGHT / 2.0 + 4.0,
            escape(&shown)
        );
        let kind = match lane.kind {
            LaneKind::Thread { .. } => "thread",
            LaneKind::Task { .. } => "asyncio task",
        };
        let mut hover = format!("{kind} {}", lane.name);
        if let Some(waits) = &stuck[i] {
            let _ = write!(hover, ": {waits}");
        }
        let _ = writeln!(svg, "<title>{}</title></text>", escape(&hover));
    }
}

/// What a lane stuck at a deadlock waits for, as the verdict says it: `waits to acquire
/// forks[1] (held by philosopher-1)`, `awaits Future#2`.
fn stuck_text(lane: &Lane, waits: &str) -> String {
    match lane.kind {
        LaneKind::Thread { .. } => format!("waits {waits}"),
        LaneKind::Task { .. } => waits.to_string(),
    }
}

/// About how wide `text` is drawn at `size` pixels (the sans-serif fonts' average
/// advance, a little generous).
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// Text safe inside SVG elements and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
