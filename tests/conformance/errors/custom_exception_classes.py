# Deterministic: single-threaded.


class AppError(Exception):
    pass


class NotFound(AppError):
    def __init__(self, key, where="db"):
        super().__init__(f"{key} not found in {where}")
        self.key = key
        self.where = where


class Plain(AppError):
    pass


def show(exc):
    try:
        raise exc
    except NotFound as e:
        print("NotFound:", e, e.args, e.key, e.where)
    except AppError as e:
        print(type(e).__name__, repr(e), str(e), e.args)


show(AppError("generic"))
show(NotFound("user:7"))
show(Plain())
print(issubclass(NotFound, AppError), issubclass(AppError, Exception), isinstance(Plain(), NotFound))
print(NotFound.__name__, type(NotFound("k")).__name__)
