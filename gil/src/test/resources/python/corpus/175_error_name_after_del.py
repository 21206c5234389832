# A deleted global is gone.
qqq_value = 3
print(qqq_value)
del qqq_value
print(qqq_value)
