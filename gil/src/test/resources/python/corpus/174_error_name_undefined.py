# Reading a name that was never bound is a NameError.
print("before")
print(qqqq_never_bound)
