# A function reading a missing global fails when called, not when defined.
def use_missing():
    return zzzz_not_defined + 1

print("defined")
use_missing()
