# Converting big ints to float rounds to 53 bits.
print(float(9007199254740992))
print(float(9007199254740993))
print(float(9223372036854775807))
print(9223372036854775807 / 1)
print(1e18)
print(float(123456789))
