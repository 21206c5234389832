# CPU-bound threads take turns under the GIL; each still computes the right answer.
import threading
results = [0, 0]
def triangle(slot, n):
    total = 0
    i = 0
    while i < n:
        i += 1
        total += i
    results[slot] = total

a = threading.Thread(target=triangle, args=(0, 3000))
b = threading.Thread(target=triangle, args=(1, 4000))
a.start()
b.start()
a.join()
b.join()
print(results)
print(results[0] == 3000 * 3001 // 2, results[1] == 4000 * 4001 // 2)
