# A first-in first-out queue with append and pop(0).
queue = []
for job in ["build", "test", "deploy"]:
    queue.append(job)
while queue:
    job = queue.pop(0)
    print("running", job)
print(queue)
