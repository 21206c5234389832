# Naive recursive Fibonacci.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

out = []
for i in range(15):
    out.append(fib(i))
print(out)
