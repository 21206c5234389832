# A failing assert with a message.
def withdraw(balance, amount):
    assert amount <= balance, "insufficient funds"
    return balance - amount

print(withdraw(10, 3))
print(withdraw(10, 30))
