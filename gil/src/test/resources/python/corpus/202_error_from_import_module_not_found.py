# from-importing from a module that does not exist.
from no_such_package_in_gil_lab import thing
