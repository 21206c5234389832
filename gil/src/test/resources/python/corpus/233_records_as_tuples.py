# Records as tuples in a list: filtering and finding a maximum.
people = [("ann", 31), ("bob", 25), ("cy", 40), ("di", 25)]
oldest = people[0]
young = []
for name, age in people:
    if age > oldest[1]:
        oldest = (name, age)
    if age < 30:
        young.append(name)
print(oldest)
print(young)
print(len(people))
