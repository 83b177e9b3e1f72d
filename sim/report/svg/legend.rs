//! The legend under the lanes: what each colour, shape and arrow means, in rows as wide
//! as the picture allows.

use std::fmt::Write as _;

use super::marks::{shape_of, swatch};
use super::{FLOW, IDLE, RUNNING, SLEEPING, STUCK, WAITING, text_width};
use crate::runtime::OpKind;

enum Swatch {
    Bar(&'static str),
    Mark(OpKind),
    Arrow,
}

const ENTRIES: [(Swatch, &str); 12] = [
    (Swatch::Bar(RUNNING), "running"),
    (Swatch::Bar(WAITING), "blocked"),
    (Swatch::Bar(STUCK), "blocked at a deadlock"),
    (Swatch::Bar(SLEEPING), "sleeping"),
    (Swatch::Bar(IDLE), "event loop idle"),
    (Swatch::Mark(OpKind::Lock), "lock, semaphore"),
    (Swatch::Mark(OpKind::Event), "event, condition, barrier"),
    (Swatch::Mark(OpKind::Queue), "queue"),
    (Swatch::Mark(OpKind::Print), "print"),
    (Swatch::Mark(OpKind::Timer), "timer, future"),
    (Swatch::Mark(OpKind::Thread), "thread start, join"),
    (Swatch::Arrow, "wakes"),
];

const FONT: f64 = 11.0;
const ROW: f64 = 20.0;
const LEFT: f64 = 12.0;
/// The narrowest the legend is laid out in.
pub const MIN_WIDTH: f64 = 800.0;

/// An entry's width: swatch, text, space.
fn entry_width(text: &str) -> f64 {
    18.0 + text_width(text, FONT) + 14.0
}

/// Each entry's position, laid out in rows within `width`.
fn layout(width: f64) -> Vec<(f64, usize)> {
    let mut x = LEFT;
    let mut row = 0;
    ENTRIES
        .iter()
        .map(|(_, text)| {
            let w = entry_width(text);
            if x > LEFT && x + w > width - LEFT {
                x = LEFT;
                row += 1;
            }
            let at = (x, row);
            x += w;
            at
        })
        .collect()
}

/// The legend's height when laid out within `width`.
pub fn height(width: f64) -> f64 {
    let rows = layout(width).last().map_or(0, |&(_, row)| row + 1);
    rows as f64 * ROW + 24.0
}

/// Draws the legend from `top`, within `width`.
pub fn draw(svg: &mut String, top: f64, width: f64) {
    for ((swatch_kind, text), (x, row)) in ENTRIES.iter().zip(layout(width)) {
        let y = top + row as f64 * ROW;
        match swatch_kind {
            Swatch::Bar(fill) => {
                let _ = write!(
                    svg,
                    r##"<rect x="{x:.1}" y="{:.1}" width="14" height="10" fill="{fill}" rx="2"/>"##,
                    y - 5.0
                );
            }
            Swatch::Mark(kind) => {
                let (shape, colour) = shape_of(*kind);
                svg.push_str(&swatch(shape, colour, x + 7.0, y));
            }
            Swatch::Arrow => {
                let _ = write!(
                    svg,
                    r##"<line x1="{x:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{FLOW}" stroke-width="1.2" marker-end="url(#arrow)"/>"##,
                    x + 14.0
                );
            }
        }
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="{FONT}" fill="#333">{text}</text>"##,
            x + 18.0,
            y + 4.0
        );
    }
    let rows = height(width) - 24.0;
    let _ = writeln!(
        svg,
        r##"<text x="{LEFT}" y="{:.1}" font-size="10" fill="#777">One column per step; gaps between virtual times are not to scale; a blank lane was ready while another ran, or not alive. Hover for details.</text>"##,
        top + rows + 4.0
    );
}
