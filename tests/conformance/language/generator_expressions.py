# Deterministic: single-threaded.
nums = [5, -3, 8, 0, -1, 12]
print(sum(n * n for n in nums))
print(any(n > 10 for n in nums), all(n > -5 for n in nums), any(()), all([]))
print(sorted((n for n in nums if n), key=abs, reverse=True))
print(max(abs(n) for n in nums), min((n for n in nums), default="none"))
gen = (n * 2 for n in nums)
print(next(gen), next(gen), list(gen), list(gen))
print(", ".join(str(n) for n in sorted(nums)))
print(sorted(["b", "A", "c", "B"], key=str.lower), sorted("hello"))
print(list(zip(range(3), "xyz")), list(enumerate("ab", start=1)))
print(list(map(lambda n: n % 3, nums)), list(filter(None, nums)))
