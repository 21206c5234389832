# del of a name that is not bound.
zz_first = 1
del zz_first
del zz_first
