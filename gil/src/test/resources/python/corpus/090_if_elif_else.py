# Exactly one branch of an if/elif/else runs.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

for n in [-5, 0, 7, 10, 1000]:
    print(n, classify(n))
