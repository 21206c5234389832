# -0.0 prints with its sign and equals 0.0.
z = -0.0
print(z)
print(z == 0.0)
print(0.0 * -1)
print(-0.0 + 0.0)
print(abs(z))
print(-1 * 0.0)
