# Built-in functions over iterables that sim implements natively for lists, tuples,
# ranges and dicts, in Python for what only Python code can iterate (generators) or call
# (key functions).

_MISSING = object()


class _NotImplementedType:
    __qualname__ = "NotImplementedType"
    __module__ = "builtins"

    def __repr__(self):
        return "NotImplemented"


NotImplemented = _NotImplementedType()


def _py_list(iterable):
    result = []
    for item in iterable:
        result.append(item)
    return result


def _py_tuple(iterable):
    return tuple(_py_list(iterable))


def _py_set(iterable):
    return set(_py_list(iterable))


def _py_dict(iterable):
    return dict(_py_list(iterable))


def _py_extend(target, iterable):
    for item in iterable:
        target.append(item)


def _py_join(sep, iterable):
    return sep.join(_py_list(iterable))


def _py_sum(iterable, start):
    total = start
    for item in iterable:
        total = total + item
    return total


def _py_any(iterable):
    for item in iterable:
        if item:
            return True
    return False


def _py_all(iterable):
    for item in iterable:
        if not item:
            return False
    return True


def _py_extreme(name, source, key, default, better):
    found = False
    best = None
    best_key = None
    for item in source:
        k = item if key is None else key(item)
        if not found or better(k, best_key):
            best = item
            best_key = k
            found = True
    if not found:
        if default is _MISSING:
            raise ValueError(name + "() arg is an empty sequence")
        return default
    return best


def _py_min(source, key, default):
    return _py_extreme("min", source, key, default, lambda a, b: a < b)


def _py_max(source, key, default):
    return _py_extreme("max", source, key, default, lambda a, b: a > b)


# A comparison where an operand's class defines a comparison method, as CPython's
# do_richcompare makes it: the right operand's reflected method first when its class
# derives from the left's, then the left's method, then the right's reflected one; where
# every one declines (NotImplemented), `==` and `!=` fall back to identity, and the
# others raise TypeError.
_COMPARE = (
    ("__lt__", "__gt__", "<"),
    ("__le__", "__ge__", "<="),
    ("__eq__", "__eq__", "=="),
    ("__ne__", "__ne__", "!="),
    ("__gt__", "__lt__", ">"),
    ("__ge__", "__le__", ">="),
)


def _rich_compare(a, b, op):
    name, swapped, symbol = _COMPARE[op]
    left = type(a)
    right = type(b)
    reflected_first = left is not right and issubclass(right, left)
    if reflected_first:
        result = _compare_method(b, swapped, a)
        if result is not NotImplemented:
            return result
    result = _compare_method(a, name, b)
    if result is not NotImplemented:
        return result
    if not reflected_first:
        result = _compare_method(b, swapped, a)
        if result is not NotImplemented:
            return result
    if op == 2:
        return a is b
    if op == 3:
        return a is not b
    raise TypeError(f"'{symbol}' not supported between instances of "
                    f"'{left.__name__}' and '{right.__name__}'")


def _compare_method(x, name, other):
    # `type(x).<name>(x, other)`, or NotImplemented where its class has no such method
    # (a built-in type declines an operand it does not know). `__ne__` not defined
    # inverts `__eq__`, as object's does.
    method = getattr(type(x), name, None)
    if method is not None:
        return method(x, other)
    if name == "__ne__":
        method = getattr(type(x), "__eq__", None)
        if method is not None:
            result = method(x, other)
            if result is not NotImplemented:
                return not result
    return NotImplemented


# The text of values whose str() or repr() runs a method written in Python (an instance
# of a class defining __str__ or __repr__, or a container holding one), as CPython writes
# it; everything else is written natively.
def _py_str(x):
    method = getattr(type(x), "__str__", None)
    if method is None:
        if isinstance(x, BaseException):
            return str(x)
        # object.__str__ is the class's __repr__ (its result checked as __str__'s).
        method = getattr(type(x), "__repr__", None)
        if method is None:
            return _py_repr(x, None) if type(x) in (list, tuple, dict, set) else str(x)
    return _text_of(method(x), "__str__")


def _py_repr(x, active):
    method = getattr(type(x), "__repr__", None)
    if method is not None:
        return _text_of(method(x), "__repr__")
    kind = type(x)
    if kind not in (list, tuple, dict, set):
        return repr(x)
    # A container inside itself is written as CPython writes it: [...], {...}.
    if active is None:
        active = []
    for seen in active:
        if seen is x:
            return "[...]" if kind is list else "{...}"
    active.append(x)
    try:
        if kind is dict:
            return "{" + ", ".join([_py_repr(k, active) + ": " + _py_repr(v, active) for k, v in x.items()]) + "}"
        parts = [_py_repr(item, active) for item in x]
        if kind is list:
            return "[" + ", ".join(parts) + "]"
        if kind is tuple:
            return "(" + parts[0] + ",)" if len(parts) == 1 else "(" + ", ".join(parts) + ")"
        return "{" + ", ".join(parts) + "}" if parts else "set()"
    finally:
        active.pop()


def _text_of(result, method):
    if not isinstance(result, str):
        raise TypeError(f"{method} returned non-string (type {type(result).__name__})")
    return result


def _py_print(args, sep, end):
    print(*[_py_str(arg) for arg in args], sep=sep, end=end)


def _py_format(x, conversion, spec):
    if conversion == 2:
        text = _py_repr(x, None)
    else:
        if conversion == 0 and spec:
            raise TypeError(f"unsupported format string passed to {type(x).__name__}.__format__")
        text = _py_str(x)
    return format(text, spec) if spec else text


# Looking for a value by equality where an item or the value compares in Python: each
# item is tested as CPython's list and tuple do, `item is x or item == x`, in order.
def _py_contains(container, x, negate):
    for item in container:
        if item is x or item == x:
            return not negate
    return negate


def _py_list_index(target, x):
    i = 0
    for item in target:
        if item is x or item == x:
            return i
        i += 1
    if type(target) is tuple:
        raise ValueError("tuple.index(x): x not in tuple")
    raise ValueError(f"{x!r} is not in list")


def _py_list_count(target, x):
    n = 0
    for item in target:
        if item is x or item == x:
            n += 1
    return n


def _py_list_remove(target, x):
    i = 0
    for item in target:
        if item is x or item == x:
            del target[i]
            return
        i += 1
    raise ValueError("list.remove(x): x not in list")


def _py_sorted(iterable, key, reverse):
    items = _py_list(iterable)
    _py_sort(items, key, reverse)
    return items


def _py_sort(target, key, reverse):
    # list.sort as CPython 3.11 does it (Objects/listobject.c): the list looks empty
    # while it is sorted; a key function is called once per item first; the sort makes
    # the same comparisons in the same order, and a comparison that raises leaves the
    # list as far as the sort got (a permutation of it).
    items = target.copy()
    target.clear()
    if key is None:
        keys = items
    else:
        try:
            keys = [key(item) for item in items]
        except BaseException:
            target.clear()
            target.extend(items)
            raise
    order = list(range(len(items)))
    if reverse:
        order.reverse()
    try:
        _timsort(keys, order)
    finally:
        modified = len(target) > 0
        arranged = [items[p] for p in order]
        if reverse:
            arranged.reverse()
        target.clear()
        target.extend(arranged)
    if modified:
        raise ValueError("list modified during sort")


# Timsort, as listobject.c and listsort.txt describe it, on `order`, a list of positions
# in `keys`: natural runs (count_run), extended to the minimum run length by binary
# insertion, merged by the powersort rule, with galloping.

_MIN_GALLOP = 7


class _SortState:
    def __init__(self, keys, order):
        self.keys = keys
        self.a = order
        self.min_gallop = _MIN_GALLOP
        # The pending runs: [start, length, power].
        self.pending = []


def _timsort(keys, order):
    n = len(order)
    if n < 2:
        return
    ms = _SortState(keys, order)
    minrun = _sort_minrun(n)
    lo = 0
    remaining = n
    while remaining:
        run, descending = _count_run(keys, order, lo, lo + remaining)
        if descending:
            order[lo:lo + run] = order[lo:lo + run][::-1]
        if run < minrun:
            force = remaining if remaining <= minrun else minrun
            _binarysort(keys, order, lo, lo + force, lo + run)
            run = force
        if ms.pending:
            start, length = ms.pending[-1][0], ms.pending[-1][1]
            power = _sort_power(start, length, run, n)
            while len(ms.pending) > 1 and ms.pending[-2][2] > power:
                _merge_at(ms, len(ms.pending) - 2)
            ms.pending[-1][2] = power
        ms.pending.append([lo, run, 0])
        lo += run
        remaining -= run
    while len(ms.pending) > 1:
        i = len(ms.pending) - 2
        if i > 0 and ms.pending[i - 1][1] < ms.pending[i + 1][1]:
            i -= 1
        _merge_at(ms, i)


def _sort_minrun(n):
    r = 0
    while n >= 64:
        r |= n & 1
        n >>= 1
    return n + r


def _sort_power(s1, n1, n2, n):
    result = 0
    a = 2 * s1 + n1
    b = a + n1 + n2
    while True:
        result += 1
        if a >= n:
            a -= n
            b -= n
        elif b >= n:
            break
        a <<= 1
        b <<= 1
    return result


def _count_run(keys, a, lo, hi):
    if lo + 1 == hi:
        return 1, False
    n = 2
    i = lo + 2
    if keys[a[lo + 1]] < keys[a[lo]]:
        while i < hi and keys[a[i]] < keys[a[i - 1]]:
            i += 1
            n += 1
        return n, True
    while i < hi:
        if keys[a[i]] < keys[a[i - 1]]:
            break
        i += 1
        n += 1
    return n, False


def _binarysort(keys, a, lo, hi, start):
    if lo == start:
        start += 1
    while start < hi:
        left = lo
        right = start
        pivot = a[start]
        pivot_key = keys[pivot]
        while True:
            middle = left + ((right - left) >> 1)
            if pivot_key < keys[a[middle]]:
                right = middle
            else:
                left = middle + 1
            if left >= right:
                break
        a[left + 1:start + 1] = a[left:start]
        a[left] = pivot
        start += 1


def _gallop_left(keys, key, a, base, n, hint):
    # The k in 0..n with a[k-1] < key <= a[k] (a[base:base+n]), searched from `hint`.
    key = keys[key]
    last = 0
    ofs = 1
    if keys[a[base + hint]] < key:
        most = n - hint
        while ofs < most and keys[a[base + hint + ofs]] < key:
            last = ofs
            ofs = (ofs << 1) + 1
        if ofs > most:
            ofs = most
        last += hint
        ofs += hint
    else:
        most = hint + 1
        while ofs < most:
            if keys[a[base + hint - ofs]] < key:
                break
            last = ofs
            ofs = (ofs << 1) + 1
        if ofs > most:
            ofs = most
        last, ofs = hint - ofs, hint - last
    last += 1
    while last < ofs:
        middle = last + ((ofs - last) >> 1)
        if keys[a[base + middle]] < key:
            last = middle + 1
        else:
            ofs = middle
    return ofs


def _gallop_right(keys, key, a, base, n, hint):
    # The k in 0..n with a[k-1] <= key < a[k] (a[base:base+n]), searched from `hint`.
    key = keys[key]
    last = 0
    ofs = 1
    if key < keys[a[base + hint]]:
        most = hint + 1
        while ofs < most and key < keys[a[base + hint - ofs]]:
            last = ofs
            ofs = (ofs << 1) + 1
        if ofs > most:
            ofs = most
        last, ofs = hint - ofs, hint - last
    else:
        most = n - hint
        while ofs < most:
            if key < keys[a[base + hint + ofs]]:
                break
            last = ofs
            ofs = (ofs << 1) + 1
        if ofs > most:
            ofs = most
        last += hint
        ofs += hint
    last += 1
    while last < ofs:
        middle = last + ((ofs - last) >> 1)
        if key < keys[a[base + middle]]:
            ofs = middle
        else:
            last = middle + 1
    return ofs


def _merge_at(ms, i):
    keys = ms.keys
    a = ms.a
    pa, na = ms.pending[i][0], ms.pending[i][1]
    pb, nb = ms.pending[i + 1][0], ms.pending[i + 1][1]
    ms.pending[i][1] = na + nb
    if i == len(ms.pending) - 3:
        ms.pending[i + 1] = ms.pending[i + 2]
    ms.pending.pop()
    k = _gallop_right(keys, a[pb], a, pa, na, 0)
    pa += k
    na -= k
    if na == 0:
        return
    nb = _gallop_left(keys, a[pa + na - 1], a, pb, nb, nb - 1)
    if nb <= 0:
        return
    if na <= nb:
        _merge_lo(ms, pa, na, pb, nb)
    else:
        _merge_hi(ms, pa, na, pb, nb)


def _merge_lo(ms, pa, na, pb, nb):
    # Merges a[pa:pa+na] (copied aside) with the run after it, from the left.
    keys = ms.keys
    a = ms.a
    tmp = a[pa:pa + na]
    ia = 0
    dest = pa
    ib = pb
    a[dest] = a[ib]
    dest += 1
    ib += 1
    nb -= 1
    copy_b = False
    try:
        if nb == 0:
            return
        if na == 1:
            copy_b = True
            return
        min_gallop = ms.min_gallop
        while True:
            acount = 0
            bcount = 0
            while True:
                if keys[a[ib]] < keys[tmp[ia]]:
                    a[dest] = a[ib]
                    dest += 1
                    ib += 1
                    bcount += 1
                    acount = 0
                    nb -= 1
                    if nb == 0:
                        return
                    if bcount >= min_gallop:
                        break
                else:
                    a[dest] = tmp[ia]
                    dest += 1
                    ia += 1
                    acount += 1
                    bcount = 0
                    na -= 1
                    if na == 1:
                        copy_b = True
                        return
                    if acount >= min_gallop:
                        break
            min_gallop += 1
            while True:
                if min_gallop > 1:
                    min_gallop -= 1
                ms.min_gallop = min_gallop
                k = _gallop_right(keys, a[ib], tmp, ia, na, 0)
                acount = k
                if k:
                    a[dest:dest + k] = tmp[ia:ia + k]
                    dest += k
                    ia += k
                    na -= k
                    if na == 1:
                        copy_b = True
                        return
                    if na == 0:
                        return
                a[dest] = a[ib]
                dest += 1
                ib += 1
                nb -= 1
                if nb == 0:
                    return
                k = _gallop_left(keys, tmp[ia], a, ib, nb, 0)
                bcount = k
                if k:
                    a[dest:dest + k] = a[ib:ib + k]
                    dest += k
                    ib += k
                    nb -= k
                    if nb == 0:
                        return
                a[dest] = tmp[ia]
                dest += 1
                ia += 1
                na -= 1
                if na == 1:
                    copy_b = True
                    return
                if acount < _MIN_GALLOP and bcount < _MIN_GALLOP:
                    break
            min_gallop += 1
            ms.min_gallop = min_gallop
    finally:
        if copy_b:
            a[dest:dest + nb] = a[ib:ib + nb]
            a[dest + nb] = tmp[ia]
        elif na:
            a[dest:dest + na] = tmp[ia:ia + na]


def _merge_hi(ms, pa, na, pb, nb):
    # Merges the run before a[pb:pb+nb] with it (copied aside), from the right.
    keys = ms.keys
    a = ms.a
    tmp = a[pb:pb + nb]
    ib = nb - 1
    dest = pb + nb - 1
    ia = pa + na - 1
    a[dest] = a[ia]
    dest -= 1
    ia -= 1
    na -= 1
    copy_a = False
    try:
        if na == 0:
            return
        if nb == 1:
            copy_a = True
            return
        min_gallop = ms.min_gallop
        while True:
            acount = 0
            bcount = 0
            while True:
                if keys[tmp[ib]] < keys[a[ia]]:
                    a[dest] = a[ia]
                    dest -= 1
                    ia -= 1
                    acount += 1
                    bcount = 0
                    na -= 1
                    if na == 0:
                        return
                    if acount >= min_gallop:
                        break
                else:
                    a[dest] = tmp[ib]
                    dest -= 1
                    ib -= 1
                    bcount += 1
                    acount = 0
                    nb -= 1
                    if nb == 1:
                        copy_a = True
                        return
                    if bcount >= min_gallop:
                        break
            min_gallop += 1
            while True:
                if min_gallop > 1:
                    min_gallop -= 1
                ms.min_gallop = min_gallop
                k = na - _gallop_right(keys, tmp[ib], a, pa, na, na - 1)
                acount = k
                if k:
                    dest -= k
                    ia -= k
                    a[dest + 1:dest + 1 + k] = a[ia + 1:ia + 1 + k]
                    na -= k
                    if na == 0:
                        return
                a[dest] = tmp[ib]
                dest -= 1
                ib -= 1
                nb -= 1
                if nb == 1:
                    copy_a = True
                    return
                k = nb - _gallop_left(keys, a[ia], tmp, 0, nb, nb - 1)
                bcount = k
                if k:
                    dest -= k
                    ib -= k
                    a[dest + 1:dest + 1 + k] = tmp[ib + 1:ib + 1 + k]
                    nb -= k
                    if nb == 1:
                        copy_a = True
                        return
                    if nb == 0:
                        return
                a[dest] = a[ia]
                dest -= 1
                ia -= 1
                na -= 1
                if na == 0:
                    return
                if acount < _MIN_GALLOP and bcount < _MIN_GALLOP:
                    break
            min_gallop += 1
            ms.min_gallop = min_gallop
    finally:
        if copy_a:
            a[dest + 1 - na:dest + 1] = a[ia + 1 - na:ia + 1]
            a[dest - na] = tmp[ib]
        elif nb:
            a[dest - (nb - 1):dest + 1] = tmp[0:nb]


def _py_enumerate(iterable, start):
    n = start
    for item in iterable:
        yield (n, item)
        n += 1


def _py_zip(iterables):
    iterators = [iter(it) for it in iterables]
    if not iterators:
        return
    while True:
        items = []
        for it in iterators:
            try:
                items.append(next(it))
            except StopIteration:
                return
        yield tuple(items)


def _py_map(function, iterables):
    if len(iterables) == 1:
        for item in iterables[0]:
            yield function(item)
    else:
        for items in _py_zip(iterables):
            yield function(*items)


def _py_filter(function, iterable):
    for item in iterable:
        if (bool(item) if function is None else function(item)):
            yield item


def _wraps(wrapped):
    def decorator(wrapper):
        wrapper.__name__ = wrapped.__name__
        wrapper.__qualname__ = wrapped.__qualname__
        wrapper.__wrapped__ = wrapped
        return wrapper
    return decorator
