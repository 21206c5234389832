# Importing a module that does not exist.
import sys
print("sys imported")
import no_such_module_in_gil_lab
