# Two operators in a row.
print("never printed")
x = = 1
