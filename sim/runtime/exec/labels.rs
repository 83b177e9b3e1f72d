//! How an access names what it touches in traces: a local, a global, an item of a list or
//! dict, the container an iterator walks.

use super::Exec;
use crate::runtime::object::{Iter, Obj};
use crate::runtime::value::{ObjRef, Value};

impl Exec<'_, '_, '_> {
    pub(super) fn local_name(&self, i: u16) -> String {
        let code = self.p.code(self.frames.last().expect("frame").code);
        code.local_names.get(i as usize).cloned().unwrap_or_default()
    }

    #[inline(never)]
    pub(super) fn label_of(&self, v: Value) -> String {
        match v {
            Value::Obj(r) if self.m.instance(r).is_some() => crate::runtime::sync::object_label(self.m, r),
            Value::Obj(r) => self.m.anonymous_label(r),
            _ => self.m.type_name(v).to_string(),
        }
    }

    #[inline(never)]
    pub(super) fn item_label(&mut self, container: Value, index: Value) -> String {
        let index = self.m.repr(index).unwrap_or_default();
        let owner = container
            .as_obj()
            .and_then(|r| self.owner_name(r))
            .unwrap_or_else(|| self.label_of(container));
        format!("{owner}[{index}]")
    }

    /// The global a container is bound to, for naming its elements in traces.
    pub(super) fn owner_name(&self, r: ObjRef) -> Option<String> {
        self.m
            .globals
            .iter()
            .position(|g| *g == Value::Obj(r))
            .map(|i| self.p.globals[i].name.clone())
    }

    #[inline(never)]
    pub(super) fn describe_access(&mut self, what: &str, label: String, v: Value) {
        self.describe = false;
        let value = self.m.repr(v).unwrap_or_default();
        let mut op = crate::runtime::events::Op::of(crate::runtime::events::OpKind::Memory, what);
        op.object = Some(label);
        if what == "read" {
            op.result = Some(value);
        } else {
            op.args = vec![value];
        }
        self.m.op = Some(op);
    }

    /// The label of the list or dict an iterator walks.
    #[inline(never)]
    pub(super) fn iterated_label(&self, it: ObjRef) -> Option<String> {
        match self.m.heap.get(it) {
            Obj::Iter(Iter::Seq { seq, .. }) | Obj::Iter(Iter::Dict { dict: seq, .. }) => {
                let seq = *seq;
                Some(self.owner_name(seq).unwrap_or_else(|| self.label_of(Value::Obj(seq))))
            }
            _ => None,
        }
    }
}
