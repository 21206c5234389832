# Keyword arguments match parameters by name, in any order.
def describe(name, age, city):
    return name + " (" + str(age) + ") from " + city

print(describe("Ann", 31, "Oslo"))
print(describe("Ann", city="Oslo", age=31))
print(describe(city="Lima", name="Bo", age=7))
print(describe("Cy", 40, city="Rome"))
