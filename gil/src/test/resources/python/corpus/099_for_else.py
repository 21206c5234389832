# for/else: the else runs when the loop was not broken.
def first_even(nums):
    for n in nums:
        if n % 2 == 0:
            print("first even:", n)
            break
    else:
        print("no even number")

first_even([1, 3, 4, 5])
first_even([1, 3, 5])
first_even([])
for c in "ab":
    pass
else:
    print("else after", c)
