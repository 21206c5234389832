# append and pop use the list as a stack.
stack = []
stack.append(1)
stack.append(2)
stack.append(3)
print(stack)
print(stack.pop())
print(stack)
print(stack.pop(0))
print(stack)
stack.append("x")
print(stack.pop(-2))
print(stack, len(stack))
