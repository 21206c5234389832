# x if cond else y picks one value and runs only that side.
for n in [1, 2, 3]:
    print("odd" if n % 2 else "even")
x = 0
y = 10 if x == 0 else 10 // x
print(y)
print("a" if "" else "b" if None else "c")
