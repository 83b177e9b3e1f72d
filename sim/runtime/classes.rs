//! The built-in classes: their fixed ids, Python names, modules and bases.
//!
//! Built-in classes come first in the program's class table, in this order, so their ids
//! are constants the runtime can match on. Classes defined in the library's Python source
//! and in the scenario follow.

use crate::compile::ClassId;

macro_rules! builtin_classes {
    ($($id:ident = $name:literal in $module:literal $(: $base:ident)?;)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u32)]
        enum Index { $($id,)* }
        $(pub const $id: ClassId = ClassId(Index::$id as u32);)*
        /// Name, module and base of each built-in class, by id.
        pub const BUILTIN: &[(&str, &str, Option<ClassId>)] = &[$(($name, $module, base!($($base)?)),)*];
    };
}

macro_rules! base {
    () => {
        None
    };
    ($base:ident) => {
        Some($base)
    };
}

builtin_classes! {
    OBJECT = "object" in "builtins";
    TYPE = "type" in "builtins": OBJECT;
    NONE = "NoneType" in "builtins": OBJECT;
    INT = "int" in "builtins": OBJECT;
    BOOL = "bool" in "builtins": INT;
    FLOAT = "float" in "builtins": OBJECT;
    STR = "str" in "builtins": OBJECT;
    LIST = "list" in "builtins": OBJECT;
    TUPLE = "tuple" in "builtins": OBJECT;
    DICT = "dict" in "builtins": OBJECT;
    SET = "set" in "builtins": OBJECT;
    RANGE = "range" in "builtins": OBJECT;
    SLICE = "slice" in "builtins": OBJECT;
    FUNCTION = "function" in "builtins": OBJECT;
    BUILTIN_FUNCTION = "builtin_function_or_method" in "builtins": OBJECT;
    METHOD = "method" in "builtins": OBJECT;
    MODULE = "module" in "builtins": OBJECT;
    CELL = "cell" in "builtins": OBJECT;
    GENERATOR = "generator" in "builtins": OBJECT;
    COROUTINE = "coroutine" in "builtins": OBJECT;
    ITERATOR = "iterator" in "builtins": OBJECT;
    SUPER = "super" in "builtins": OBJECT;
    BASE_EXCEPTION = "BaseException" in "builtins": OBJECT;
    SYSTEM_EXIT = "SystemExit" in "builtins": BASE_EXCEPTION;
    KEYBOARD_INTERRUPT = "KeyboardInterrupt" in "builtins": BASE_EXCEPTION;
    GENERATOR_EXIT = "GeneratorExit" in "builtins": BASE_EXCEPTION;
    EXCEPTION = "Exception" in "builtins": BASE_EXCEPTION;
    STOP_ITERATION = "StopIteration" in "builtins": EXCEPTION;
    STOP_ASYNC_ITERATION = "StopAsyncIteration" in "builtins": EXCEPTION;
    ARITHMETIC_ERROR = "ArithmeticError" in "builtins": EXCEPTION;
    ZERO_DIVISION_ERROR = "ZeroDivisionError" in "builtins": ARITHMETIC_ERROR;
    OVERFLOW_ERROR = "OverflowError" in "builtins": ARITHMETIC_ERROR;
    ASSERTION_ERROR = "AssertionError" in "builtins": EXCEPTION;
    ATTRIBUTE_ERROR = "AttributeError" in "builtins": EXCEPTION;
    LOOKUP_ERROR = "LookupError" in "builtins": EXCEPTION;
    INDEX_ERROR = "IndexError" in "builtins": LOOKUP_ERROR;
    KEY_ERROR = "KeyError" in "builtins": LOOKUP_ERROR;
    NAME_ERROR = "NameError" in "builtins": EXCEPTION;
    UNBOUND_LOCAL_ERROR = "UnboundLocalError" in "builtins": NAME_ERROR;
    OS_ERROR = "OSError" in "builtins": EXCEPTION;
    TIMEOUT_ERROR = "TimeoutError" in "builtins": OS_ERROR;
    RUNTIME_ERROR = "RuntimeError" in "builtins": EXCEPTION;
    NOT_IMPLEMENTED_ERROR = "NotImplementedError" in "builtins": RUNTIME_ERROR;
    RECURSION_ERROR = "RecursionError" in "builtins": RUNTIME_ERROR;
    TYPE_ERROR = "TypeError" in "builtins": EXCEPTION;
    VALUE_ERROR = "ValueError" in "builtins": EXCEPTION;
    MEMORY_ERROR = "MemoryError" in "builtins": EXCEPTION;
    BROKEN_BARRIER_ERROR = "BrokenBarrierError" in "threading": RUNTIME_ERROR;
    QUEUE_EMPTY = "Empty" in "_queue": EXCEPTION;
    QUEUE_FULL = "Full" in "queue": EXCEPTION;
    CANCELLED_ERROR = "CancelledError" in "asyncio.exceptions": BASE_EXCEPTION;
    INVALID_STATE_ERROR = "InvalidStateError" in "asyncio.exceptions": EXCEPTION;
    ASYNC_QUEUE_EMPTY = "QueueEmpty" in "asyncio.queues": EXCEPTION;
    ASYNC_QUEUE_FULL = "QueueFull" in "asyncio.queues": EXCEPTION;
    ASYNC_BROKEN_BARRIER_ERROR = "BrokenBarrierError" in "asyncio.exceptions": RUNTIME_ERROR;
    BASE_EXCEPTION_GROUP = "BaseExceptionGroup" in "builtins": BASE_EXCEPTION;
    EXCEPTION_GROUP = "ExceptionGroup" in "builtins": BASE_EXCEPTION_GROUP;
    THREAD = "Thread" in "threading": OBJECT;
    LOCK = "lock" in "_thread": OBJECT;
    RLOCK = "RLock" in "_thread": OBJECT;
    CONDITION = "Condition" in "threading": OBJECT;
    SEMAPHORE = "Semaphore" in "threading": OBJECT;
    BOUNDED_SEMAPHORE = "BoundedSemaphore" in "threading": SEMAPHORE;
    EVENT = "Event" in "threading": OBJECT;
    BARRIER = "Barrier" in "threading": OBJECT;
    QUEUE = "Queue" in "queue": OBJECT;
    LIFO_QUEUE = "LifoQueue" in "queue": QUEUE;
    PRIORITY_QUEUE = "PriorityQueue" in "queue": QUEUE;
    FUTURE = "Future" in "_asyncio": OBJECT;
    TASK = "Task" in "_asyncio": FUTURE;
    GATHERING_FUTURE = "_GatheringFuture" in "asyncio.tasks": FUTURE;
    EVENT_LOOP = "_UnixSelectorEventLoop" in "asyncio.unix_events": OBJECT;
    HANDLE = "Handle" in "asyncio.events": OBJECT;
    TIMER_HANDLE = "TimerHandle" in "asyncio.events": HANDLE;
}

/// Number of built-in classes; the library's and the scenario's classes follow.
pub const COUNT: u32 = BUILTIN.len() as u32;

pub fn is_builtin(class: ClassId) -> bool {
    class.0 < COUNT
}

/// Built-in types whose instances are values rather than `Instance` objects: calling one
/// runs its native `__new__`, and Python classes cannot derive from them in sim.
pub fn is_value_type(class: ClassId) -> bool {
    [
        INT, BOOL, FLOAT, STR, LIST, TUPLE, DICT, SET, RANGE, SLICE, TYPE, NONE, FUNCTION, GENERATOR, COROUTINE,
    ]
    .contains(&class)
}
