# The mean of a list, with / on its sum and length.
data = [3, 5, 8, 13]
mean = sum(data) / len(data)
print(mean)
total = 0.0
for d in data:
    total += (d - mean) * (d - mean)
print(total / len(data))
