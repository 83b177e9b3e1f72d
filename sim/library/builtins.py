# Built-in functions over iterables that sim implements natively for lists, tuples,
# ranges and dicts, in Python for what only Python code can iterate (generators) or call
# (key functions).

_MISSING = object()


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
    return _py_extreme("max", source, key, default, lambda a, b: b < a)


def _py_sorted(iterable, key, reverse):
    items = _py_list(iterable)
    if key is None:
        return sorted(items, reverse=reverse)
    keys = [key(item) for item in items]
    positions = _merge_sort(list(range(len(items))), keys, reverse)
    return [items[p] for p in positions]


def _merge_sort(positions, keys, reverse):
    if len(positions) <= 1:
        return positions
    middle = len(positions) // 2
    left = _merge_sort(positions[:middle], keys, reverse)
    right = _merge_sort(positions[middle:], keys, reverse)
    merged = []
    i = 0
    j = 0
    while i < len(left) and j < len(right):
        a = keys[left[i]]
        b = keys[right[j]]
        take_right = (a < b) if reverse else (b < a)
        if take_right:
            merged.append(right[j])
            j += 1
        else:
            merged.append(left[i])
            i += 1
    return merged + left[i:] + right[j:]


def _py_sort(target, key, reverse):
    result = _py_sorted(target, key, reverse)
    target.clear()
    target.extend(result)


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
