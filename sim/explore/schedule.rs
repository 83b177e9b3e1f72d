//! Schedule strings: the choices of a run, written so people can pass them on a command
//! line. Only steps where more than one thread could run are choices; each is the name
//! of the thread that ran, and runs of the same thread are written once with a count:
//! `t1*3,t2,main*2`. Names keep their characters except `%`, `,`, `*` and anything
//! outside printable ASCII, which are written `%XX`. A schedule names threads, not
//! positions, so it still applies after edits that keep the threads' names, and says so
//! clearly when it does not.

use std::fmt::Write as _;

use super::record::{Chooser, Step};
use crate::runtime::actor::ActorId;
use crate::sched::Choice;

/// The choices of a recorded run, as thread names.
pub fn choices(steps: &[Step], labels: &[String]) -> Vec<String> {
    steps
        .iter()
        .filter(|s| s.enabled.len() > 1)
        .map(|s| labels[s.actor].clone())
        .collect()
}

/// How many times a run switched away from a thread that could have gone on.
pub fn preemptions(steps: &[Step]) -> usize {
    steps
        .windows(2)
        .filter(|w| w[1].actor != w[0].actor && w[1].enabled.contains(&w[0].actor))
        .count()
}

/// Writes choices as a schedule string.
pub fn encode(choices: &[String]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < choices.len() {
        let name = &choices[i];
        let run = choices[i..].iter().take_while(|c| *c == name).count();
        if !out.is_empty() {
            out.push(',');
        }
        for ch in name.chars() {
            if ch.is_ascii_graphic() && !matches!(ch, '%' | ',' | '*') {
                out.push(ch);
            } else {
                let mut buf = [0u8; 4];
                for b in ch.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
        if run > 1 {
            let _ = write!(out, "*{run}");
        }
        i += run;
    }
    out
}

/// Reads a schedule string back into choices.
pub fn decode(text: &str) -> Result<Vec<String>, String> {
    let mut choices = Vec::new();
    if text.trim().is_empty() {
        return Ok(choices);
    }
    for (n, part) in text.trim().split(',').enumerate() {
        let (name, count) = match part.rsplit_once('*') {
            Some((name, count)) => {
                let count: usize = count
                    .parse()
                    .ok()
                    .filter(|c| *c > 0)
                    .ok_or_else(|| format!("entry {} (`{part}`): `*` must be followed by a count", n + 1))?;
                (name, count)
            }
            None => (part, 1),
        };
        let name = unescape(name).ok_or_else(|| format!("entry {} (`{part}`): bad `%` escape", n + 1))?;
        if name.is_empty() {
            return Err(format!("entry {}: a thread name is missing", n + 1));
        }
        choices.extend(std::iter::repeat_n(name, count));
    }
    Ok(choices)
}

fn unescape(text: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let mut rest = text.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

/// Follows a schedule: at each choice, the named thread. Stops the run with an error when
/// the schedule does not fit it.
pub struct Follow {
    choices: Vec<String>,
    next: usize,
    steps: usize,
    pub error: Option<String>,
}

impl Follow {
    pub fn new(choices: Vec<String>) -> Follow {
        Follow {
            choices,
            next: 0,
            steps: 0,
            error: None,
        }
    }

    /// Choices the run did not use (an error once the run has ended).
    pub fn unused(&self) -> usize {
        self.choices.len() - self.next
    }
}

impl Chooser for Follow {
    fn choose(&mut self, choice: &Choice<'_>, _history: &[Step]) -> Option<ActorId> {
        let enabled = choice.enabled;
        self.steps += 1;
        if let [only] = enabled {
            return Some(*only);
        }
        let names: Vec<&str> = enabled.iter().map(|a| choice.actors[*a].label.as_str()).collect();
        let Some(wanted) = self.choices.get(self.next) else {
            self.error = Some(format!(
                "the schedule ends after {} choices, but at step {} {} can run",
                self.choices.len(),
                self.steps,
                names.join(", ")
            ));
            return None;
        };
        match names.iter().position(|n| *n == wanted) {
            Some(at) => {
                self.next += 1;
                Some(enabled[at])
            }
            None => {
                self.error = Some(format!(
                    "choice {} of the schedule is `{wanted}`, but at step {} only {} can run",
                    self.next + 1,
                    self.steps,
                    names.join(", ")
                ));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_round_trip_with_runs_and_escapes() {
        let choices: Vec<String> = ["t1", "t1", "t1", "main", "a,b*c", "Thread 2", "é"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let text = encode(&choices);
        assert_eq!(text, "t1*3,main,a%2Cb%2Ac,Thread%202,%C3%A9");
        assert_eq!(decode(&text).unwrap(), choices);
        assert_eq!(decode("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn bad_schedules_say_where() {
        assert!(decode("t1*x").unwrap_err().contains("entry 1"));
        assert!(decode("t1,%zz").unwrap_err().contains("entry 2"));
        assert!(decode("t1,,t2").unwrap_err().contains("missing"));
    }
}
